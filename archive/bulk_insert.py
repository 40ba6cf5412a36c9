"""Inserting many rows of plain values at once: the spreadsheet import's links between items and the terms they
name, and the history records of what it created.

`bulk_create` builds a model instance for each row and prepares every value of it in Python; for an import's
rows, which are ids and text, that cost more than the database's own work. These rows go to the table with one
prepared statement, executed for all of them. Nothing here sends signals: the caller writes the history and
announces what it inserted, as archive.importing does.
"""

from django.db import connections, router

BATCH = 500


def rows_insert(model, columns, rows):
    """Insert `rows` (tuples of values for the attnames `columns`) into `model`'s table.

    Values go to the database driver as they are, which suits ids, text, numbers, booleans and None; anything
    else (a date or a time) the caller first brings to the database's form with its field's get_db_prep_save().
    """
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    fields = {field.attname: field for field in model._meta.concrete_fields}
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(fields[name].column) for name in columns)}) "
           f"VALUES ({', '.join(['%s'] * len(columns))})")
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start:start + BATCH])
