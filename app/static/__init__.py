"""Assets the app serves itself (``/_assets``): the API documentation pages work offline."""
