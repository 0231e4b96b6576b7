from .models import Unit, VerificationStatus


def unit_can_act(unit: Unit | None) -> bool:
    """Only a verified unit may act (self-evaluate, submit, report); pending or rejected ones wait."""
    return unit is not None and unit.verification_status == VerificationStatus.VERIFIED
