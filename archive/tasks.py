"""Background tasks of the catalogue. They take ids and call the services."""

from django_tasks import task

from .import_runs import import_run_execute


@task()
def items_import_run(token):
    """Import a spreadsheet a curator checked in the admin (archive/import_runs.py)."""
    run = import_run_execute(token=token)
    return run and run.state
