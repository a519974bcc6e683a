"""Rich text from Decidim as the text a reader sees, and Koordinat's text back as HTML."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from koordinat.core.html_text import html_to_text, text_to_html


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Bir</p><p>İki</p>", "Bir\nİki"),
        ("<p>Bir<br>iki<br/>üç</p>", "Bir\niki\nüç"),
        ("<p>a</p><p><br></p><p>b</p>", "a\n\nb"),
        ("<p>Tom &amp; Jerry &lt;3 &quot;x&quot; &#8470; 5&nbsp;6</p>", 'Tom & Jerry <3 "x" № 5 6'),
        ("<p>Kursiv <em>söz</em>, <a href='https://x'>keçid</a>.</p>", "Kursiv söz, keçid."),
        ("<ul><li>bir</li><li>iki</li></ul><ol><li>a</li><li>b</li></ol>", "• bir\n• iki\n1. a\n2. b"),
        ("<p>Görünür</p><script>alert('x')</script><style>p{}</style><p>son</p>", "Görünür\nson"),
        ("<h2>Başlıq</h2>\n  <div>   boşluqlar \n  yığılır  </div>", "Başlıq\nboşluqlar yığılır"),
        ("<p onclick='x()'>atributlar</p><img src=x onerror=alert(1)>", "atributlar"),
        ("<pre>a  b\nc</pre>", "a b\nc"),
        ("Sadə mətn\nsətirlərlə", "Sadə mətn\nsətirlərlə"),
        ("", ""),
    ],
)
def test_html_becomes_the_text_a_reader_sees(html, text):
    assert html_to_text(html) == text


def test_text_becomes_paragraphs_escaped():
    assert text_to_html("a < b & c\n\nikinci") == "<p>a &lt; b &amp; c</p><p><br></p><p>ikinci</p>"


@given(
    st.lists(
        st.text(st.characters(blacklist_categories=["Cs", "Cc", "Zs", "Zl", "Zp"]), min_size=1), max_size=5
    )
)
def test_text_comes_back_from_its_html(words):
    text = "\n".join(" ".join(word.split()) for word in words).strip()
    assert html_to_text(text_to_html(text)) == text
