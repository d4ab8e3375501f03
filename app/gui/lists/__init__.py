"""The documents, pairs and families lists: sortable, filterable tables over the scan's records."""
