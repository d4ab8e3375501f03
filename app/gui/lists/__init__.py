"""The lists beside the view: pairs, documents and families as sortable, filterable tables over the scan's records."""
