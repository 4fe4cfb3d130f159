from tests.conftest import assert_valid_html


def test_home_page_renders_valid_html(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert_valid_html(response)
