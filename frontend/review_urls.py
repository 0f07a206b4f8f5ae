"""Routes of the coordinator's review pages (included from frontend/urls.py)."""

from django.urls import path

from frontend import review_views

urlpatterns = [
    path("programs/<int:program_id>/review/", review_views.review_queue, name="review-queue"),
    path("programs/<int:program_id>/review/approve/", review_views.bulk_approve, name="review-bulk-approve"),
    path("letters/<int:letter_id>/review/", review_views.review_letter, name="review-letter"),
]
