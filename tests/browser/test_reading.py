"""Reading a course in order, on a site with several lectures of both courses imported
(short texts of our own, named as the courses name their lessons): the course tables,
previous and next within a course, the lecture header, and the read marks."""


import pytest
import yaml

from support import ROOT, served_project

# Raw files as a scraper names them; tidy places each by its title.
LECTURES = {
    "03 - 分布式互斥：有你没我，有我没你.md": "互斥让同一时刻只有一个进程进入临界区。",
    "04 - 分布式选举：国不可一日无君.md": "选举在一组节点里选出一个主节点。",
    "07 - 分布式锁：关键重地，非请勿入.md": "分布式锁让多台机器上的进程互斥地访问资源。",
    "07-分布式锁：所有的分布式锁都是错误的？.md": "第二门课追问锁过期之后还以为自己持锁的进程。",
}


@pytest.fixture(scope="module")
def reading(tmp_path_factory):
    with served_project(tmp_path_factory.mktemp("reading"), LECTURES) as (site, _):
        yield site


def test_course_tables_list_every_lesson_of_the_syllabus(page, site):
    courses = yaml.safe_load((ROOT / "syllabus.yml").read_text(encoding="utf-8"))["courses"]
    total = 0
    for course in courses:
        page.goto(site + f"courses/{course['id']}/")
        rows = page.locator("article table tbody tr")
        assert rows.count() == len(course["lessons"])
        first = rows.first.locator("td").all_text_contents()
        assert first[0] == "开篇词" and "未导入" not in first[4]  # both 开篇词 are imported
        total += rows.count()
    assert total == 81


def test_next_and_previous_stay_in_the_course_in_lesson_order(page, reading):
    page.goto(reading + "lectures/nie-2019/03/")
    assert page.locator("a.md-footer__link--next").get_attribute("href").endswith("lectures/nie-2019/04/")
    assert page.locator("a.md-footer__link--prev").get_attribute("href").endswith("lectures/nie-2019/00/")
    page.locator("a.md-footer__link--next").click()
    page.wait_for_url("**/lectures/nie-2019/04/")
    page.locator("a.md-footer__link--next[href$='lectures/nie-2019/07/']").wait_for()  # swapped in
    page.goto(reading + "lectures/nie-2019/07/")
    assert page.locator("a.md-footer__link--next").count() == 0  # the course's last imported lesson
    page.goto(reading + "lectures/chen-2022/10/")  # 课程二 07 分布式锁
    assert page.locator("a.md-footer__link--prev").get_attribute("href").endswith("lectures/chen-2022/00/")


def test_the_lecture_header_names_course_lesson_place_and_column(page, reading):
    page.goto(reading + "lectures/nie-2019/07/")
    header = page.locator(".lecture-header")
    text = header.text_content()
    assert "《分布式技术原理与算法解析》" in text and "第 7 讲" in text and "聂鹏程" in text
    assert header.locator("a", has_text="分布式协同").count() == 1
    assert header.locator("a", has_text="分布式技术原理与算法解析").get_attribute("href").startswith(
        "https://time.geekbang.org/column/intro/")


def test_a_lecture_marked_read_counts_on_its_table_and_the_map(page, reading):
    page.goto(reading + "lectures/nie-2019/03/")
    button = page.locator("button.lecture-read")
    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    page.evaluate("window.__sameDocument = true")
    page.locator(".lecture-header a.lecture-table").click()  # instant navigation
    page.wait_for_url("**/courses/nie-2019/")
    assert page.evaluate("window.__sameDocument") is True
    row = page.locator("article table tbody tr", has_text="分布式互斥")
    assert "已读" in row.text_content()
    assert "已读 1" in page.locator(".course-progress").text_content()
    page.locator("a.md-tabs__link", has_text="首页").click()
    page.wait_for_url(reading)
    coordination = page.locator('a.map-area[href$="areas/coordination/"]')
    assert "已读 1" in coordination.text_content()
    page.reload()
    coordination = page.locator('a.map-area[href$="areas/coordination/"]')
    assert "已读 1" in coordination.text_content()
    page.goto(reading + "courses/nie-2019/")
    assert "已读" in page.locator("article table tbody tr", has_text="分布式互斥").text_content()
    page.goto(reading + "lectures/nie-2019/03/")
    page.locator("button.lecture-read").click()  # and unmarked again
    page.goto(reading + "courses/nie-2019/")
    assert "已读 0" in page.locator(".course-progress").text_content()


def test_a_long_thread_closes_from_its_end(page, site):
    page.goto(site + "lectures/nie-2019/00/")
    thread = page.locator("details.comments")
    thread.locator("summary").click()
    assert thread.get_attribute("open") is not None
    thread.locator("a.thread-collapse").click()
    assert thread.get_attribute("open") is None
    assert page.locator("h2#thread").count() == 1
    hint = page.locator(".notes-hint")
    assert hint.count() == 1 and "还没有笔记" in hint.text_content()
