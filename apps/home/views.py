from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import render

from .workbench import home_for


@transaction.non_atomic_requests  # read-only and public: no BEGIN, no health check on a cache hit
def index(request):
    """The public home page: no login needed."""
    return render(request, "home/index.html")


@login_required
def home(request):
    """Each role lands here and sees what waits for it."""
    return render(request, "home/home.html", {"role_homes": home_for(request.user)})
