package vn.bdtx.domain.catalog;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * The HTML a question may carry, whichever file it came from: an allow-list
 * (jsoup's {@link Safelist}) of paragraphs, emphasis, lists, tables, links with
 * http, https or mailto, and images only from the course's own media (an
 * {@code @@PLUGINFILE@@/name} of the file being imported, or a path under
 * {@link #MEDIA_PREFIX}). Everything else — scripts, event handlers,
 * {@code javascript:} — is removed. Plain text is escaped with its line breaks kept.
 */
public final class Markup {

  /** Where the app serves a course's question images (the content hash follows). */
  public static final String MEDIA_PREFIX = "/question-media/";

  public static final String PLUGINFILE = "@@PLUGINFILE@@/";

  private static final Safelist SAFE = new Safelist()
      .addTags("p", "br", "div", "span", "strong", "b", "em", "i", "u", "s", "sub", "sup", "small", "code", "pre",
          "blockquote", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd", "hr",
          "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "a", "img")
      .addAttributes("a", "href", "title")
      .addAttributes("img", "src", "alt", "width", "height", "title")
      .addAttributes("td", "colspan", "rowspan")
      .addAttributes("th", "colspan", "rowspan", "scope")
      .addAttributes("ol", "start", "type")
      .addProtocols("a", "href", "http", "https", "mailto")
      .preserveRelativeLinks(true);

  private Markup() {
  }

  /** {@code html} through the allow-list; an image whose source is not the course's own is dropped. */
  public static String clean(String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    Document dirty = Jsoup.parseBodyFragment(html, "");
    Document clean = new Cleaner(SAFE).clean(dirty);
    for (Element img : clean.select("img")) {
      String src = img.attr("src");
      if (!src.startsWith(PLUGINFILE) && !(src.startsWith(MEDIA_PREFIX) && !src.contains(".."))) {
        img.remove();
      }
    }
    for (Element a : clean.select("a[href]")) {
      a.attr("rel", "noopener nofollow");
    }
    clean.outputSettings().prettyPrint(false).escapeMode(Entities.EscapeMode.base).charset("UTF-8");
    return clean.body().html().strip();
  }

  /** Plain text as HTML: escaped, each line break a {@code <br>}. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    return Entities.escape(text.replace("\r\n", "\n")).replace("\n", "<br>");
  }

  /** What a page shows: HTML cleaned again (defence in depth), or plain text escaped. */
  public static String render(String text, boolean html) {
    return html ? clean(text) : escape(text);
  }

  /**
   * What a page shows, with the course's images served from {@code mediaBase}
   * (the page's own media route, e.g. {@code /learn/12/media/}, ending in "/").
   */
  public static String render(String text, boolean html, String mediaBase) {
    String shown = render(text, html);
    if (!html) {
      return shown;
    }
    // An image the file named but did not hold has nothing to show.
    return shown.replaceAll("<img[^>]*src=\"" + java.util.regex.Pattern.quote(PLUGINFILE) + "[^\"]*\"[^>]*>", "")
        .replace("src=\"" + MEDIA_PREFIX, "src=\"" + mediaBase);
  }

  /** The text a person reads, tags removed: for labels, messages and comparing questions. */
  public static String plain(String text, boolean html) {
    if (text == null) {
      return "";
    }
    return html ? Jsoup.parseBodyFragment(text).text().strip() : text.strip();
  }
}
