from __future__ import annotations

from django.urls import path
from rest_framework.routers import DefaultRouter

from negotiations.api import ingestion, views

router = DefaultRouter(trailing_slash=True)
router.register("parties", views.PartyViewSet, basename="party")
router.register("officials", views.OfficialViewSet, basename="official")
router.register("aliases", views.AliasViewSet, basename="alias")
router.register("outlets", views.OutletViewSet, basename="outlet")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("tracks", views.TrackViewSet, basename="track")
router.register("status-changes", views.StatusChangeViewSet, basename="statuschange")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("commitments", views.CommitmentViewSet, basename="commitment")
router.register("feeds", ingestion.FeedViewSet, basename="feed")
router.register("ingestion-jobs", ingestion.IngestionJobViewSet, basename="ingestionjob")
router.register("withdrawals", views.DeletionViewSet, basename="withdrawal")
# The documented name before withdrawals/ (same feed).
router.register("deletions", views.DeletionViewSet, basename="deletion")

app_name = "api"
urlpatterns = [
    path("search/", views.SearchView.as_view(), name="search"),
    *router.urls,
]
