"""Plan documents in: read DOCX/XLSX tables, find the columns, match executors, preview, commit.

Nothing here writes to the database; `koordinat.plans.services.plan_import_commit` does, all or
nothing, after a person has seen a clean preview.
"""
