from django.urls import path

from . import views

urlpatterns = [
    path("accounts/invitation/<str:token>/", views.invitation_open, name="invitation_open"),
    path("contribute/", views.contribute, name="contribute"),
    path("contribute/uploads/", views.my_uploads, name="my_uploads"),
    path("contribute/uploads/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("contribute/uploads/<int:pk>/edit/", views.submission_edit, name="submission_edit"),
    path("contribute/uploads/<int:pk>/file/", views.submission_file, name="submission_file"),
]
