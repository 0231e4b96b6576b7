"""The roles, and the sets of them that the portal's rules name, each declared once.

A feature whose users are one of these sets uses the set by this name; a set
that only one feature uses (who may see risk events, who decides a revocation)
is declared with that feature's permissions, built from these where it can.
tests/test_access_matrix.py is the specification of who may open what.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    UNIT_REP = "unit_rep", _("单位填报人")
    TOWNSHIP_STAFF = "township_staff", _("乡镇(街道)/园区工作人员")
    COUNTY_REVIEWER = "county_reviewer", _("县级三方评估人员")
    COUNTY_ADMIN = "county_admin", _("县级三方办公室")
    CITY_ADMIN = "city_admin", _("市级三方办公室")
    COORDINATOR = "coordinator", _("劳动关系协调员")
    DEPARTMENT_STAFF = "department_staff", _("征求意见部门人员")
    SYSTEM_ADMIN = "system_admin", _("系统管理员")
    SECURITY_ADMIN = "security_admin", _("安全管理员")
    AUDIT_ADMIN = "audit_admin", _("安全审计员")


# The county and city offices (县级/市级三方办公室): they manage the registry, grants, reports and
# revocation cases of their region, and reset the passwords of those below them.
ADMIN_ROLES = (Role.COUNTY_ADMIN, Role.CITY_ADMIN)

# The staff who handle applications: every role that holds a region except the coordinators, who
# see units and recognitions but not applications, their reviews, surveys or yearly reports.
APPLICATION_STAFF_ROLES = (Role.TOWNSHIP_STAFF, Role.COUNTY_REVIEWER, *ADMIN_ROLES)

# Everybody who works on an application: its unit's representatives and the staff who handle it.
APPLICATION_ROLES = (Role.UNIT_REP, *APPLICATION_STAFF_ROLES)

# Every role held over a region (the staff): their jurisdiction is the region's subtree. The default
# of the jurisdiction scoping, and who may see the unit registry and the coordinators.
STAFF_ROLES = (*APPLICATION_STAFF_ROLES, Role.COORDINATOR)

# A department the naming office consults before a notice (市场监管、税务…, apps/applications/opinions): its staff
# answer the consultations sent to their department and see nothing else of the campaign, so every set above and
# CAMPAIGN_ROLES leave them out.
CAMPAIGN_ROLES = tuple(role for role in Role if role != Role.DEPARTMENT_STAFF)

# 三员分立 (等保 2.0 level 3): the system administrator runs users, regions and standards; the security
# administrator decides who gets in (platform identities, lockouts); the audit administrator reads what
# everybody did, the other two included. One person never holds two of the three. They hold neither a
# region nor a unit.
DUTY_ROLES = (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN)

# 帮办代办: the township/street and county offices may fill and submit the self-evaluation of a small enterprise
# in their area on its behalf.
ON_BEHALF_ROLES = (Role.TOWNSHIP_STAFF, Role.COUNTY_ADMIN)

# Everybody who fills a self-evaluation: the unit's representatives and the staff filing on a unit's behalf.
FILER_ROLES = (Role.UNIT_REP, *ON_BEHALF_ROLES)
