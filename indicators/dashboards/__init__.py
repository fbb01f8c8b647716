"""The head of daycare's pages: what each page shows (its builder) and the views that serve it."""
