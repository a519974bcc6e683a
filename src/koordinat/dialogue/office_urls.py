"""The office's pages of the dialogue: /az/dialogue/…"""

from django.urls import path

from . import views

app_name = "dialogue_office"

urlpatterns = [
    path("moderation/", views.moderation, name="moderation"),
    path("answers/", views.answers, name="answers"),
    path("submissions/<int:pk>/", views.office_submission, name="submission"),
]
