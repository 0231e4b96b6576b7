"""The token-authenticated JSON API other government systems use to post risk events.

Each source system is an ``ApiClient`` row with its own token and the region
it may report on. Bad input always gets a 4xx with a Chinese message; a
repeated post of the same source event id returns the stored event (200).
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers, status
from rest_framework.generics import get_object_or_404
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.registry.enterprises.models import Enterprise
from apps.registry.units.models import Unit

from .api_auth import chinese_messages
from .models import ApiClient, RiskEvent, RiskKind, Severity
from .services import risk_event_receive


class RiskEventInSerializer(serializers.Serializer):
    external_id = serializers.RegexField(
        r"^[A-Za-z0-9_.:\-]{1,64}$", max_length=64, label=_("来源系统事件编号"),
        help_text=_("来源系统自己的事件编号；同一编号重复推送返回已登记的事件。"),
        error_messages=chinese_messages(serializers.RegexField,
                                        invalid=_("事件编号只能包含字母、数字和 _ . : -，最长64位。")),
    )
    unit_uscc = serializers.CharField(required=False, min_length=18, max_length=18, label=_("企业统一社会信用代码"),
                                      error_messages=chinese_messages(serializers.CharField))
    unit_id = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1, label=_("平台单位编号"),
                                       error_messages=chinese_messages(serializers.IntegerField,
                                                                       invalid=_("应为整数。")))
    kind = serializers.ChoiceField(choices=RiskKind.choices, label=_("事件类型"),
                                   error_messages=chinese_messages(serializers.ChoiceField))
    occurred_on = serializers.DateField(label=_("发生日期"), error_messages=chinese_messages(
        serializers.DateField, invalid=_("日期格式错误，应为 YYYY-MM-DD。")))
    severity = serializers.ChoiceField(choices=Severity.choices, label=_("严重程度"),
                                       help_text=_("1 一般，2 较大，3 重大，4 特别重大"),
                                       error_messages=chinese_messages(serializers.ChoiceField))
    source = serializers.CharField(required=False, allow_blank=True, max_length=100, label=_("信息来源"),
                                   error_messages=chinese_messages(serializers.CharField))
    description = serializers.CharField(max_length=5000, label=_("事件描述"),
                                        error_messages=chinese_messages(serializers.CharField))

    default_error_messages = {"invalid": _("请求体应为 JSON 对象。")}

    def validate_occurred_on(self, value):
        if value > timezone.localdate():
            raise serializers.ValidationError(_("发生日期不能晚于今天。"))
        if value.year < 2000:
            raise serializers.ValidationError(_("发生日期不能早于2000年。"))
        return value

    def validate(self, attrs):
        client: ApiClient = self.context["client"]
        if bool(attrs.get("unit_uscc")) == bool(attrs.get("unit_id")):
            raise serializers.ValidationError({"unit_uscc": _("请提供 unit_uscc 或 unit_id 之一（且只提供一个）。")})
        units = Unit.objects.filter(region__path__startswith=client.region.path) | Unit.objects.filter(
            township__path__startswith=client.region.path)
        if attrs.get("unit_uscc"):
            unit_id = Enterprise.objects.filter(uscc=attrs["unit_uscc"].upper()).values_list("unit_id", flat=True)
            unit = units.filter(pk__in=unit_id).first()
        else:
            unit = units.filter(pk=attrs["unit_id"]).first()
        if unit is None:
            # The same message whether the unit does not exist or lies outside the client's region.
            raise serializers.ValidationError({"unit": _("在本接口的授权区域内找不到该单位。")})
        attrs["unit"] = unit
        return attrs


class RiskEventOutSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = RiskEvent
        fields = ["id", "external_id", "unit_id", "unit_name", "kind", "occurred_on", "severity", "source",
                  "description", "created_at"]


class EventPagination(PageNumberPagination):
    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"


class RiskEventCollection(APIView):
    @extend_schema(
        summary="推送一条风险事件",
        request=RiskEventInSerializer,
        responses={201: RiskEventOutSerializer, 200: RiskEventOutSerializer, 400: OpenApiTypes.OBJECT,
                   401: OpenApiTypes.OBJECT},
    )
    def post(self, request):
        serializer = RiskEventInSerializer(data=request.data, context={"client": request.auth})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        event, created = risk_event_receive(
            client=request.auth, external_id=data["external_id"], unit=data["unit"], kind=data["kind"],
            occurred_on=data["occurred_on"], severity=int(data["severity"]), source=data.get("source", ""),
            description=data["description"],
        )
        return Response(RiskEventOutSerializer(event).data,
                        status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(
        summary="本系统推送过的风险事件", operation_id="risk_events_list",
        parameters=[OpenApiParameter("page", int), OpenApiParameter("page_size", int)],
        responses={200: inline_serializer("RiskEventPage", {
            "count": serializers.IntegerField(), "next": serializers.CharField(allow_null=True),
            "previous": serializers.CharField(allow_null=True), "results": RiskEventOutSerializer(many=True),
        }), 401: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
    )
    def get(self, request):
        paginator = EventPagination()
        events = RiskEvent.objects.filter(api_client=request.auth).select_related("unit").order_by("-pk")
        page = paginator.paginate_queryset(events, request, view=self)
        return paginator.get_paginated_response(RiskEventOutSerializer(page, many=True).data)


class RiskEventItem(APIView):
    @extend_schema(summary="按来源系统事件编号查询", operation_id="risk_events_retrieve",
                   responses={200: RiskEventOutSerializer, 401: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT})
    def get(self, request, external_id: str):
        event = get_object_or_404(RiskEvent.objects.select_related("unit"), api_client=request.auth,
                                  external_id=external_id)
        return Response(RiskEventOutSerializer(event).data)


class ApiNotFound(APIView):
    """Any other path under /api/: a Chinese JSON 404 (after the token check) instead of the HTML error page."""

    schema = None  # not an operation of the published schema

    def not_found(self, request, *args, **kwargs):
        raise exceptions.NotFound()

    get = post = put = patch = delete = not_found
