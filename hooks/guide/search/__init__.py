"""The site search: Pagefind indexing, base forms of words, its texts; overrides/partials/site-search.html, assets/*/search.*."""
