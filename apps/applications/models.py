"""The models of an application's path; each part keeps its own module."""

from .assessments.models import Answer, Application, ApplicationEvent, ApplicationRevision, Evidence  # noqa: F401
from .experts.models import Expert, ExpertDraw, ExpertRelation  # noqa: F401
from .named_units.models import ProvinceExport, YearlyReport, YearlyReportReminder  # noqa: F401
from .notices.models import Notice, NoticeEntry, Objection, ProvinceDecision  # noqa: F401
from .opinions.models import (  # noqa: F401
    Consultation,
    ConsultationEntry,
    ConsultationRequest,
    Department,
    DepartmentOpinion,
)
from .recognitions.models import Recognition  # noqa: F401
from .reviews.models import (  # noqa: F401
    ArchivedSheet,
    ConfirmationBatch,
    Inspection,
    InspectionPhoto,
    ItemComment,
    LevelScore,
    MemberScore,
    PanelMember,
    ReviewPanel,
    SpotCheck,
)
from .titles.models import TitleReminder  # noqa: F401
