"""The HTML graph page in headless Chromium, opened from disk with the network off: it renders
every node, filters and searches (with or without diacritics), shows details as text."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from cancu.graph import export, views
from cancu.pipeline import build
from cancu.store.embedded import EmbeddedStore
from cancu.vocab import sparql_prefixes
from tests.conftest import ROOT, SEED

ARTIFACTS = ROOT / "tests" / "artifacts"
SERVER = "http://127.0.0.1:8000"

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

from tests.browser import chromium  # noqa: E402  (skips this module without Chromium)


def chrome(user_data: str):
    """Headless Chromium with no network at all."""
    return chromium(user_data, window="1600,1000", offline=True)


def open_page(driver, path: Path) -> None:
    driver.get(path.as_uri())
    deadline = time.monotonic() + 30
    while not driver.execute_script("return !!(window.cancuGraph && window.cancuGraph.ready)"):
        assert time.monotonic() < deadline, "the graph page did not render within 30 s"
        time.sleep(0.05)


@pytest.fixture(scope="module")
def seed(tmp_path_factory) -> tuple[EmbeddedStore, Path]:
    tmp = tmp_path_factory.mktemp("browser")
    build([SEED], EmbeddedStore(tmp / "store"))
    store = EmbeddedStore(tmp / "store", read_only=True)
    graph = views.responsibility(views.load_corpus(store))
    return store, export.write(graph, "html", tmp / "graph.html", server_url=SERVER)


@pytest.fixture(scope="module")
def driver() -> Iterator[object]:
    user_data = tempfile.mkdtemp(prefix="cancu-chromium-")
    d = chrome(user_data)
    yield d
    d.quit()
    shutil.rmtree(user_data, ignore_errors=True)


def sparql_count(store: EmbeddedStore, where: str) -> int:
    q = f"{sparql_prefixes()}SELECT (COUNT(*) AS ?n) {{ {where} }}"
    return int(next(iter(store.store.query(q, use_default_graph_as_union=True)))[0].value)


ITEMS = "{ ?i a cancu:Task } UNION { ?i a cancu:Duty }"


def test_page_renders_every_node(seed, driver):
    store, page = seed
    open_page(driver, page)
    items = sparql_count(store, f"SELECT DISTINCT ?i {{ {ITEMS} }}")
    agents = sparql_count(
        store, f"SELECT DISTINCT ?a {{ {ITEMS} ?i cancu:participation/cv:hasParticipant ?a }}"
    )
    assert driver.execute_script("return cancuGraph.nodeCount()") == items + agents
    assert driver.execute_script("return cancuGraph.cy.edges().length") == sparql_count(
        store,
        f"SELECT DISTINCT ?i ?r ?a {{ {ITEMS} ?i cancu:participation ?p . ?p cv:role ?r ; cv:hasParticipant ?a }}",
    )
    assert driver.execute_script("return document.querySelectorAll('#cy canvas').length") > 0
    legend = driver.find_element(By.ID, "legend").text
    assert "Chủ trì / Lead" in legend and "Cải cách thể chế" in legend
    ARTIFACTS.mkdir(exist_ok=True)
    driver.save_screenshot(str(ARTIFACTS / "graph.png"))


def test_area_filter(seed, driver):
    store, page = seed
    open_page(driver, page)
    area = "https://w3id.org/cancu/scheme/reform-area/the-che"
    tasks = sparql_count(store, f"SELECT DISTINCT ?i {{ ?i a cancu:Task ; cancu:area <{area}> }}")
    agents = sparql_count(
        store,
        f"SELECT DISTINCT ?a {{ ?i a cancu:Task ; cancu:area <{area}> ; cancu:participation/cv:hasParticipant ?a }}",
    )
    Select(driver.find_element(By.ID, "f-area")).select_by_value(area)
    assert driver.execute_script("return cancuGraph.visibleCount()") == tasks + agents
    Select(driver.find_element(By.ID, "f-area")).select_by_value("")
    assert driver.execute_script("return cancuGraph.visibleCount()") == driver.execute_script(
        "return cancuGraph.nodeCount()"
    )


def test_agency_and_period_filters(seed, driver):
    store, page = seed
    open_page(driver, page)
    agency = "https://w3id.org/cancu/agency/so-tu-phap-tay-ninh"
    Select(driver.find_element(By.ID, "f-agency")).select_by_value(agency)
    visible = driver.execute_script(
        "return cancuGraph.cy.nodes().not(':parent').not('.hidden').map(function (n) { return n.id(); })"
    )
    items = sparql_count(
        store,
        f"SELECT DISTINCT ?i {{ {ITEMS} ?i cancu:participation/cv:hasParticipant <{agency}> }}",
    )
    assert agency in visible and sum("/task_" in v or "/sec_" in v for v in visible) == items
    Select(driver.find_element(By.ID, "f-agency")).select_by_value("")
    Select(driver.find_element(By.ID, "f-period")).select_by_value("2021")
    n = driver.execute_script(
        "return cancuGraph.cy.nodes('[period = \"2021\"]').not('.hidden').length"
    )
    assert n == sparql_count(
        store,
        """SELECT DISTINCT ?i { ?i a cancu:Task ; cancu:deadline ?d
        OPTIONAL { ?d time:hasEnd/time:inXSDDate ?e } OPTIONAL { ?d time:hasBeginning/time:inXSDDate ?s }
        FILTER(YEAR(COALESCE(?e, ?s)) = 2021) }""",
    )


def test_search_with_and_without_diacritics(seed, driver):
    _, page = seed
    open_page(driver, page)
    box = driver.find_element(By.ID, "search")
    counts = []
    for query in ("Sở Tư pháp", "so tu phap", "SỞ TƯ PHÁP"):
        box.clear()
        box.send_keys(query)
        time.sleep(0.4)
        counts.append(driver.find_element(By.ID, "search-count").text)
        matched = driver.execute_script(
            "return cancuGraph.cy.nodes('.match').map(function (n) { return n.id(); })"
        )
        assert "https://w3id.org/cancu/agency/so-tu-phap-tay-ninh" in matched
    assert len(set(counts)) == 1 and counts[0].split()[0].isdigit()


def test_click_shows_details_and_server_link(seed, driver):
    _, page = seed
    open_page(driver, page)
    task = "https://w3id.org/cancu/eli/vn/ubnd-tay-ninh/qd/2020/2818/annex_1/task_14"
    driver.execute_script("cancuGraph.cy.getElementById(arguments[0]).emit('tap')", task)
    details = driver.find_element(By.ID, "details").text
    for expected in (
        "Chủ trì / Lead",
        "Cấp tỉnh",
        "Thời hạn / Deadline",
        "Trong năm 2021",
        "50.000.000 đồng",
        "Dòng nguồn",
    ):
        assert expected in details
    link = driver.find_element(By.ID, "details-link").get_attribute("href")
    assert link.startswith(SERVER + "/page?iri=https%3A%2F%2Fw3id.org%2Fcancu%2F")


XSS = "<img src=x onerror=alert(1)>"


def _no_alert(driver) -> None:
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018


def test_label_with_markup_is_text(driver, tmp_path):
    g = nx.Graph(view="collaboration")
    g.add_node("urn:a", kind="agency", label=XSS)
    g.add_node("urn:b", kind="agency", label="Sở B")
    g.add_edge("urn:a", "urn:b", weight=2)
    page = export.write(g, "html", tmp_path / "xss.html")
    open_page(driver, page)
    driver.execute_script(
        """var cy = cancuGraph.cy;
        cy.add({group: 'nodes', data: {id: 'urn:c', kind: 'task', label: arguments[0], text: arguments[0]}});
        cy.getElementById('urn:a').emit('tap');""",
        XSS,
    )
    assert XSS in driver.find_element(By.ID, "details-list").text
    driver.execute_script("cancuGraph.cy.getElementById('urn:c').emit('tap')")
    assert driver.find_element(By.ID, "details-list").text.count(XSS) == 2
    assert XSS in driver.execute_script("return document.getElementById('f-agency').textContent")
    assert driver.execute_script("return document.querySelectorAll('img').length") == 0
    _no_alert(driver)
