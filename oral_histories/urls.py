from django.urls import path

from . import views

app_name = "oral_histories"
urlpatterns = [
    path("transcripts/<int:pk>.vtt", views.transcript_vtt, name="transcript_vtt"),
]
