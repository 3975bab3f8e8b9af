from django.urls import reverse


def test_unit_list_shows_the_province_units_and_not_others(client, world, reviewer):
    client.force_login(reviewer)
    page = client.get(reverse("programmes:organisation_list")).content.decode()
    assert world.unit_a.name in page
    assert world.historical_unit.name in page
    assert world.other_unit.name not in page


def test_unit_list_filters_by_kind_level_and_name(client, world, reviewer):
    client.force_login(reviewer)
    url = reverse("programmes:organisation_list")
    page = client.get(url, {"kind": "education"}).content.decode()
    assert world.department.name in page and world.unit_a.name not in page
    assert "Sở, phòng giáo dục" in page  # the kind, named in the row
    page = client.get(url, {"level": "commune"}).content.decode()
    assert world.unit_a.name in page and world.department.name not in page
    page = client.get(url, {"query": "lạc sơn"}).content.decode()
    assert world.unit_b.name in page and world.unit_a.name not in page


def test_unit_list_ignores_a_bad_filter_instead_of_failing(client, world, reviewer):
    client.force_login(reviewer)
    response = client.get(reverse("programmes:organisation_list"), {"kind": "nonsense"})
    assert response.status_code == 200
    assert "Hãy chọn một lựa chọn hợp lệ" in response.content.decode()


def test_reporter_is_sent_to_their_own_unit(client, world, reporter_a):
    client.force_login(reporter_a)
    response = client.get(reverse("programmes:my_organisation"))
    assert response["Location"] == reverse("programmes:organisation_detail", args=[world.unit_a.pk])
    page = client.get(response["Location"]).content.decode()
    assert world.unit_a.name in page
    assert "Cán bộ báo cáo" in page


def test_unit_page_lists_the_units_below_it(client, world, reviewer):
    client.force_login(reviewer)
    page = client.get(reverse("programmes:organisation_detail", args=[world.association.pk])).content.decode()
    assert world.unit_a.name in page and world.unit_b.name in page


def test_navigation_fits_the_role(client, world, reviewer, reporter_a):
    client.force_login(reviewer)
    page = client.get(reverse("home")).content.decode()
    assert "Đơn vị</a>" in page and "Đơn vị của tôi" not in page and "Quản trị</a>" not in page
    client.force_login(reporter_a)
    page = client.get(reverse("home")).content.decode()
    assert "Đơn vị của tôi" in page and ">Đơn vị</a>" not in page
