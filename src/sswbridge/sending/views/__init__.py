"""The sending organizations' pages: organizations (with the checklist) and investigations."""
