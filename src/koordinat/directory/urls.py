from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.directory, name="directory"),
    path("organizations/", views.organization_list, name="organizations"),
    path("organizations/search/", views.organization_search, name="organization_search"),
    path("organizations/new/", views.organization_create, name="organization_create"),
    path("organizations/<int:pk>/", views.organization_detail, name="organization"),
    path("organizations/<int:pk>/edit/", views.organization_edit, name="organization_edit"),
    path("organizations/<int:pk>/abolish/", views.organization_abolish, name="organization_abolish"),
    path("people/", views.person_list, name="people"),
    path("people/search/", views.person_search, name="person_search"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_detail, name="person"),
    path("people/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/positions/new/", views.membership_add, name="membership_add"),
    path("positions/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("bodies/", views.body_list, name="bodies"),
    path("bodies/new/", views.body_create, name="body_create"),
    path("bodies/<int:pk>/", views.body_detail, name="body"),
    path("bodies/<int:pk>/edit/", views.body_edit, name="body_edit"),
]
