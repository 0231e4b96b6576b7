from tests.stand_in_settings import stand_in

globals().update(stand_in(name="cas_server", app="mama_cas", database_variable="CAS_SERVER_DB"))
MAMA_CAS_SERVICES = [{
    "SERVICE": r"^http://(localhost|127\.0\.0\.1):\d+/",
    "CALLBACKS": ["mama_cas.callbacks.user_name_attributes", "tests.cas_server.attributes.contact"],
}]
