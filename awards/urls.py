from django.urls import path

from . import views

app_name = "awards"

urlpatterns = [
    path("", views.list_index, name="list_index"),
    path("new/", views.list_create, name="list_create"),
    path("template.xlsx", views.template_download, name="template_download"),
    path("proposed/", views.proposed_entries, name="proposed_entries"),
    path("anonymise/", views.anonymise, name="anonymise"),
    path("<int:pk>/", views.list_detail, name="list_detail"),
    path("<int:pk>/upload/", views.list_upload, name="list_upload"),
    path("<int:pk>/export.xlsx", views.list_download, name="list_download"),
    path("<int:pk>/entries/new/", views.entry_edit, name="entry_create"),
    path("<int:pk>/entries/<int:entry_pk>/", views.entry_edit, name="entry_edit"),
    path("<int:pk>/entries/<int:entry_pk>/delete/", views.entry_delete, name="entry_delete"),
    path("<int:pk>/entries/<int:entry_pk>/decision/", views.entry_decide, name="entry_decide"),
    path("<int:pk>/send/", views.list_send, name="list_send"),
    path("<int:pk>/agree/", views.list_agree, name="list_agree"),
    path("<int:pk>/return/", views.list_return, name="list_return"),
]
