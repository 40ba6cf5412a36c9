"""Background work of oral histories, through the django_tasks API. Tasks take ids."""

from django_tasks import task

from .search_sync import item_texts_reindex


@task(queue_name="search")
def reindex_item_texts(item_id):
    item_texts_reindex(item_id=item_id)
