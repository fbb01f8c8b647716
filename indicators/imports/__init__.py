"""The admin's data imports: upload, check in the worker, preview, confirm, apply (views, urls, forms, tasks,
the import runner `jobs`, and one importer per kind of file in `importers/`)."""
