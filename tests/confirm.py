"""The confirmation step of irreversible actions (apps/core/confirmation.py), checked the same way everywhere."""

from django.utils.html import escape


def assert_asks_first(client, url: str, data: dict, question: str) -> str:
    """Posting without ``confirmed`` answers with the question and a form carrying the same data back."""
    response = client.post(url, data)
    body = response.content.decode()
    assert response.status_code == 200, body[:500]
    assert question in body
    assert f'<form method="post" action="{url}"' in body
    assert '<input type="hidden" name="confirmed" value="1">' in body
    for name, values in data.items():
        for value in values if isinstance(values, list | tuple) else [values]:
            assert f'<input type="hidden" name="{name}" value="{escape(value)}">' in body, name
    return body


def confirmed(data: dict) -> dict:
    return {**data, "confirmed": "1"}
