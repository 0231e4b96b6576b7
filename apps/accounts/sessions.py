"""Sessions read from the cache with the database behind them (SESSION_ENGINE).

Django's ``cached_db`` trusts the cache's own timeout for when a cached session ends. Here the cached copy
carries the expiry date its database row has and is refused after it, as the database read
(``expire_date > now``) refuses the row: the session's end stays a property of the session, whatever clock the
cache keeps. Everything else (writes to the database first, then the cache; reads falling back to the database
when Redis is down) is ``cached_db``'s.
"""

from asgiref.sync import sync_to_async
from django.contrib.sessions.backends import cached_db
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.utils import timezone


class SessionStore(cached_db.SessionStore):
    cache_key_prefix = "hlr.sessions.cached_db"

    def load(self) -> dict:
        try:
            cached = self._cache.get(self.cache_key)
        except Exception:  # as cached_db: a key the cache refuses reads the database
            cached = None
        if cached is not None and cached[0] > timezone.now():
            return cached[1]
        row = self._get_session_from_db()
        if row is None:
            return {}
        data = self.decode(row.session_data)
        self._cache.set(self.cache_key, (row.expire_date, data), self.get_expiry_age(expiry=row.expire_date))
        return data

    def save(self, must_create: bool = False) -> None:
        DBStore.save(self, must_create)
        try:
            self._cache.set(self.cache_key, (self.get_expiry_date(), self._session), self.get_expiry_age())
        except Exception:
            cached_db.logger.exception("Error saving to cache (%s)", self._cache)

    async def aload(self) -> dict:
        return await sync_to_async(self.load)()

    async def asave(self, must_create: bool = False) -> None:
        await sync_to_async(self.save)(must_create)
