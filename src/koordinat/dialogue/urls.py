"""The citizens' pages, under the portal: /az/portal/dialogue/…"""

from django.urls import path

from . import views

app_name = "dialogue"

urlpatterns = [
    path("", views.about, name="about"),
    path("sign-up/", views.sign_up, name="sign_up"),
    path("sign-up/sent/", views.sign_up_done, name="sign_up_done"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("mine/", views.mine, name="mine"),
    path("mine/<int:pk>/edit/", views.edit, name="edit"),
    path("mine/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("ask/event/<int:pk>/", views.ask_event, name="ask_event"),
    path("ask/<str:code>/", views.ask, name="ask_plan"),
    path("ask/<str:code>/<str:number>/", views.ask, name="ask_measure"),
    path("log/", views.log, name="log"),
    path("submissions/<int:pk>/", views.submission, name="submission"),
]
