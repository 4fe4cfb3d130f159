from django.urls import reverse


def test_robots_txt_is_plain_text_keeping_members_spaces_out_of_search_engines(client, db):
    response = client.get(reverse("robots_txt"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("User-agent: *") and "Disallow: /forums/" in body and "Disallow: /profile/" in body
