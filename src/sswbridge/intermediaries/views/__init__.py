"""The intermediaries register's pages: the records (`intermediaries`) and the resolution of
duplicates (`merges`)."""
