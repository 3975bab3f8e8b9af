"""The conference's documents; included by the app's URLs under the "conferences" namespace."""

from django.urls import path

from . import document_views

urlpatterns = [
    path("<int:pk>/minutes.docx", document_views.minutes_download, name="minutes_docx"),
    path("<int:pk>/notice.docx", document_views.notice_download, name="notice_docx"),
]
