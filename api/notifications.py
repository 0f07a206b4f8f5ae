"""The caller's own notifications and which of them also come by e-mail.

Views only: letters.selectors.list_notifications reads, letters.access.access_notification
fetches by id, and letters.reminders.preferences writes (the same calls as the pages in
frontend/notification_views.py).
"""

from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_serializer
from rest_framework import serializers
from rest_framework.response import Response

from api.base import ApiListView, ApiView, errors
from letters.reminders import preferences as notification_preferences
from letters.access import access_notification
from letters.models import ALWAYS_EMAILED, ReminderKind
from letters.selectors import list_notifications


class NotificationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=ReminderKind.choices)
    kind_label = serializers.CharField(source="get_kind_display")
    program = serializers.IntegerField(source="program_id", allow_null=True)
    title = serializers.CharField()
    body = serializers.CharField(help_text="Plain text.")
    url = serializers.CharField(help_text="The page on the site this notice is about (a path), or empty.")
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)
    is_read = serializers.SerializerMethodField()

    @extend_schema_field(serializers.BooleanField())
    def get_is_read(self, notification) -> bool:
        return notification.read_at is not None


class NotificationListView(ApiListView):
    class FilterSerializer(serializers.Serializer):
        unread = serializers.BooleanField(required=False, allow_null=True, default=None,
                                          help_text="true: only unread notices; false: only read ones.")

    serializer_class = NotificationOutputSerializer
    filter_serializer_class = FilterSerializer

    @extend_schema(operation_id="notifications_list", summary="List the caller's notifications", tags=["notifications"],
                   parameters=[FilterSerializer],
                   responses={200: NotificationOutputSerializer(many=True), **errors(400, 404)})
    def get(self, request, *args, **kwargs):
        """List the caller's own in-app notices, newest first."""
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        notifications = list_notifications(self.request.user)
        unread = self.get_filters().get("unread")
        if unread is not None:
            notifications = notifications.filter(read_at__isnull=unread)
        return notifications


class NotificationReadView(ApiView):
    @extend_schema(operation_id="notifications_mark_read", summary="Mark one notification read",
                   tags=["notifications"], request=None,
                   responses={200: NotificationOutputSerializer, **errors(404)})
    def post(self, request, notification_id: int):
        """Mark one of the caller's notices read; doing it again changes nothing."""
        notification = access_notification(request.user, notification_id)
        notification = notification_preferences.mark_notification_read(request.user, notification=notification)
        return Response(NotificationOutputSerializer(notification).data)


class NotificationReadAllView(ApiView):
    @extend_schema_serializer(component_name="NotificationsMarkedRead")
    class OutputSerializer(serializers.Serializer):
        marked = serializers.IntegerField(help_text="How many notices were unread and are now read.")

    @extend_schema(operation_id="notifications_mark_all_read", summary="Mark all the caller's notifications read",
                   tags=["notifications"], request=None, responses={200: OutputSerializer, **errors()})
    def post(self, request):
        """Mark every unread notice of the caller read."""
        marked = notification_preferences.mark_all_notifications_read(request.user)
        return Response(self.OutputSerializer({"marked": marked}).data)


class EmailChoiceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReminderKind.choices)
    label = serializers.CharField()
    email = serializers.BooleanField(help_text="Whether this kind of notice also comes by e-mail.")
    can_turn_off = serializers.BooleanField(help_text="False for urgent safeguarding alerts: always e-mailed.")


class NotificationPreferencesView(ApiView):
    """Which kinds of notice also come by e-mail (they always appear in the app)."""

    @extend_schema_serializer(component_name="NotificationPreferences")
    class OutputSerializer(serializers.Serializer):
        muted_kinds = serializers.ListField(child=serializers.ChoiceField(choices=ReminderKind.choices),
                                            help_text="Kinds the caller gets in the app only, not by e-mail.")
        kinds = EmailChoiceSerializer(many=True, help_text="Every kind of notice, with whether it is e-mailed.")

    @extend_schema_serializer(component_name="NotificationPreferencesInput")
    class InputSerializer(serializers.Serializer):
        muted_kinds = serializers.ListField(
            child=serializers.ChoiceField(choices=ReminderKind.choices), allow_empty=True, max_length=50,
            help_text="Every kind that should no longer come by e-mail; all others will. Urgent safeguarding "
                      "alerts cannot be muted.",
        )

    def render(self, preference) -> Response:
        kinds = [
            {"kind": kind, "label": label, "email": preference.wants_email(kind), "can_turn_off": kind not in ALWAYS_EMAILED}
            for kind, label in ReminderKind.choices
        ]
        muted = [choice["kind"] for choice in kinds if not choice["email"]]
        return Response(self.OutputSerializer({"muted_kinds": muted, "kinds": kinds}).data)

    @extend_schema(operation_id="notification_preferences_retrieve", summary="The caller's e-mail preferences",
                   tags=["notifications"], responses={200: OutputSerializer, **errors()})
    def get(self, request):
        """Return which kinds of notice the caller also gets by e-mail."""
        return self.render(notification_preferences.preference_for(request.user))

    @extend_schema(operation_id="notification_preferences_update", summary="Choose which notices come by e-mail",
                   tags=["notifications"], request=InputSerializer, responses={200: OutputSerializer, **errors(400)})
    def put(self, request):
        """Replace the set of kinds the caller does not want by e-mail."""
        parser = self.InputSerializer(data=request.data)
        parser.is_valid(raise_exception=True)
        preference = notification_preferences.set_email_preferences(
            request.user, muted_kinds=parser.validated_data["muted_kinds"]
        )
        return self.render(preference)
