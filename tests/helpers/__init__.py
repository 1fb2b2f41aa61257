"""What tests share: factories, clients, worlds and servers. No test module imports another;
what more than one needs lives here."""
