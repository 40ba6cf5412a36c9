from django.urls import path

from .views import media_file

urlpatterns = [
    path("<path:path>", media_file, name="media_file"),
]
