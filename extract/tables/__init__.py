"""Table finders: a page's characters and rulings -> table grids (ruled lattice, text-aligned)."""
