import pytest

pytestmark = pytest.mark.django_db


def test_a_200_mb_body_is_refused_before_it_is_read(client, cast):
    client.force_login(cast.rep_a)
    response = client.generic(
        "POST", "/notifications/read-all/", data=b"x" * 10, content_type="application/octet-stream",
        CONTENT_LENGTH=str(200 * 1024 * 1024),
    )
    assert response.status_code == 413
    assert "不能超过 25 MB" in response.content.decode()


def test_ordinary_posts_pass(client, cast):
    client.force_login(cast.rep_a)
    assert client.post("/notifications/read-all/").status_code == 302
