from apps.accounts.models import Role

# The city tripartite office decides revocations and edits the rules; county offices follow their cases.
DECIDE_ROLES = (Role.CITY_ADMIN,)
