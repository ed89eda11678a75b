package kz.jospar.completion;

import kz.jospar.completion.FieldValue;

import kz.jospar.language.FieldError;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.FileValue;

/**
 * Which documents a task takes: one whose bytes are one of the accepted kinds and the kind its
 * name claims. Tika's detector reads the magic bytes; ZIP and OLE2 containers (docx, xlsx, odt,
 * ods; doc, xls) are opened to see which kind they hold, because tika-core alone takes a
 * container's kind from its name and would pass a plain ZIP or an installer named report.docx.
 */
public final class DocumentTypes {

  /** Refusal: the content is not what the name claims; arguments: file name, what it is, the accepted extensions. */
  static final String CONTENT = "form.document.content";
  /** Refusal: the name's extension is not accepted; arguments: file name, the accepted extensions. */
  static final String TYPE = "form.document.type";

  static final String PDF = "application/pdf";
  static final String DOC = "application/msword";
  static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  static final String ODT = "application/vnd.oasis.opendocument.text";
  static final String XLS = "application/vnd.ms-excel";
  static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  static final String ODS = "application/vnd.oasis.opendocument.spreadsheet";
  static final String JPEG = "image/jpeg";
  static final String PNG = "image/png";

  /** The accepted extensions and the one MIME type each stands for. */
  static final Map<String, String> KINDS = Map.of("pdf", PDF, "doc", DOC, "docx", DOCX, "odt", ODT, "xls", XLS, "xlsx", XLSX,
      "ods", ODS, "jpg", JPEG, "jpeg", JPEG, "png", PNG);

  /** The accepted extensions as messages list them. */
  static final String ACCEPTED = String.join(", ", KINDS.keySet().stream().sorted().toList());

  private static final String ZIP = "application/zip";
  private static final String OOXML = "application/x-tika-ooxml";
  private static final String OLE2 = "application/x-tika-msoffice";
  private static final String PROGRAM = "application/x-msdownload";
  private static final String DOS_PROGRAM = "application/x-dosexec";
  private static final String TEXT = "text/plain";
  private static final String UNKNOWN = "application/octet-stream";

  /** The main part an OOXML package declares in [Content_Types].xml says what it is, as Office reads it. */
  private static final Map<String, String> OOXML_MAIN_PARTS = Map.of(
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml", DOCX,
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", XLSX);
  private static final String CONTENT_TYPES_ENTRY = "[Content_Types].xml";
  private static final String ODF_MIMETYPE_ENTRY = "mimetype";

  /** Limits on looking inside a ZIP, so a small upload that inflates hugely is refused, not read. */
  private static final long ZIP_INFLATED_LIMIT = 64L * 1024 * 1024;
  private static final int ZIP_ENTRY_LIMIT = 10_000;
  private static final int ZIP_MARKER_LIMIT = 256 * 1024;

  /** Thread-safe; tika-core's own detectors: the MIME magic and file name globs of tika-mimetypes.xml. */
  private static final Detector DETECTOR = new DefaultDetector();

  private DocumentTypes() {}

  /**
   * The verdict on one document.
   *
   * @param mimeType what the content is (canonical MIME type, e.g. application/pdf): the type to store and serve
   *     when accepted; null when only the name was judged
   * @param problem null when accepted, else the key of Jospar's message saying why not
   * @param args that message's arguments
   */
  public record Checked(String filename, String mimeType, String problem, Object[] args) {

    public boolean accepted() {
      return problem == null;
    }
  }

  /** Checks a document by its content and its name. */
  public static Checked check(String filename, byte[] content) {
    byte[] bytes = content == null ? new byte[0] : content;
    String claimed = KINDS.get(extension(filename));
    String actual = contentType(bytes);
    if (claimed == null) {
      return new Checked(filename, actual, TYPE, new Object[] {filename, ACCEPTED});
    }
    // Tika's own verdict with the name as hint must agree too, and the hint alone decides nothing.
    if (claimed.equals(actual) && claimed.equals(detect(bytes, filename))) {
      return new Checked(filename, claimed, null, new Object[0]);
    }
    return new Checked(filename, actual, CONTENT, new Object[] {filename, describe(actual), ACCEPTED});
  }

  /** Judged by name only: for a document whose content is not at hand (its size alone was given). */
  static Checked byName(String filename) {
    return KINDS.containsKey(extension(filename)) ? new Checked(filename, null, null, new Object[0])
        : new Checked(filename, null, TYPE, new Object[] {filename, ACCEPTED});
  }

  /** A submitted document as the form rules judge it: its name, size and the verdict on its content. */
  static FieldValue.Document document(String filename, byte[] content) {
    Checked checked = check(filename, content);
    return new FieldValue.Document(filename, content == null ? 0 : content.length, checked);
  }

  /** Checks a File variable's content under its name. */
  public static Checked check(FileValue file) {
    return check(file.getFilename(), bytes(file));
  }

  /**
   * The same File variable (name, bytes) with the checked MIME type instead of the uploader's, so
   * the engine stores, and its REST API serves, what the content is.
   */
  public static FileValue withCheckedType(FileValue original, Checked checked) {
    if (!checked.accepted() || checked.mimeType() == null) {
      throw new IllegalArgumentException("'" + original.getFilename() + "' has no checked type: "
          + (checked.accepted() ? "only its name was judged" : checked.problem()));
    }
    // No encoding: none of the accepted kinds is text, and a charset would only invite sniffing.
    return Variables.fileValue(original.getFilename()).file(bytes(original)).mimeType(checked.mimeType())
        .setTransient(original.isTransient()).create();
  }

  /** What the bytes are, by their magic and, for a container, by what it holds; never by a name. */
  static String contentType(byte[] content) {
    String magic = detect(content, null);
    if (magic.equals(ZIP) || magic.equals(OOXML) || magic.equals(ODT) || magic.equals(ODS)) {
      return zipKind(content);
    }
    if (magic.equals(OLE2)) {
      return ole2Kind(content);
    }
    return magic;
  }

  private static String detect(byte[] content, String filename) {
    Metadata metadata = new Metadata();
    if (filename != null) {
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, filename);
    }
    try (InputStream in = TikaInputStream.get(content)) {
      return DETECTOR.detect(in, metadata).getBaseType().toString();
    } catch (IOException e) {
      throw new UncheckedIOException("reading bytes in memory", e);
    }
  }

  /** An ODF package names its kind in its "mimetype" entry; an OOXML package declares its main part. */
  private static String zipKind(byte[] content) {
    long inflated = 0;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(content))) {
      ZipEntry entry;
      for (int n = 0; n < ZIP_ENTRY_LIMIT && (entry = zip.getNextEntry()) != null; n++) {
        if (entry.getName().equals(ODF_MIMETYPE_ENTRY)) {
          String declared = new String(zip.readNBytes(ZIP_MARKER_LIMIT), StandardCharsets.US_ASCII).trim();
          return declared.equals(ODT) || declared.equals(ODS) ? declared : ZIP;
        }
        if (entry.getName().equals(CONTENT_TYPES_ENTRY)) {
          String declared = new String(zip.readNBytes(ZIP_MARKER_LIMIT), StandardCharsets.UTF_8);
          return OOXML_MAIN_PARTS.entrySet().stream().filter(p -> declared.contains("\"" + p.getKey() + "\""))
              .map(Map.Entry::getValue).findFirst().orElse(ZIP);
        }
        // Read each passed entry here, counted, rather than let getNextEntry inflate it unseen.
        inflated += drain(zip, ZIP_INFLATED_LIMIT - inflated);
      }
    } catch (IOException | IllegalArgumentException e) {
      // damaged (IllegalArgumentException: an entry name that is not UTF-8), or inflating past the limit: no kind can be vouched for
    }
    return ZIP;
  }

  /** An OLE2 file is a Word document when it holds a WordDocument stream, an Excel workbook when a Workbook (or Book) one. */
  private static String ole2Kind(byte[] content) {
    try (POIFSFileSystem fs = new POIFSFileSystem(new ByteArrayInputStream(content))) {
      DirectoryEntry root = fs.getRoot();
      if (root.hasEntryCaseInsensitive("WordDocument")) {
        return DOC;
      }
      if (root.hasEntryCaseInsensitive("Workbook") || root.hasEntryCaseInsensitive("Book")) {
        return XLS;
      }
    } catch (IOException | RuntimeException e) {
      // damaged: an OLE2 file of no kind Jospar takes
    }
    return OLE2;
  }

  /** What a content type is, in the reader's words: an accepted kind, a few common impostors, else the MIME type. */
  static Object describe(String mimeType) {
    return switch (mimeType) {
      case PDF -> FieldError.words("content.pdf");
      case DOC -> FieldError.words("content.doc");
      case DOCX -> FieldError.words("content.docx");
      case ODT -> FieldError.words("content.odt");
      case XLS -> FieldError.words("content.xls");
      case XLSX -> FieldError.words("content.xlsx");
      case ODS -> FieldError.words("content.ods");
      case JPEG -> FieldError.words("content.jpeg");
      case PNG -> FieldError.words("content.png");
      case PROGRAM, DOS_PROGRAM -> FieldError.words("content.program");
      case ZIP -> FieldError.words("content.zip");
      case OLE2 -> FieldError.words("content.ole2");
      case TEXT -> FieldError.words("content.text");
      case UNKNOWN -> FieldError.words("content.unknown");
      default -> FieldError.words("content.other", mimeType);
    };
  }

  static String extension(String filename) {
    return filename == null || !filename.contains(".") ? "" : filename.substring(filename.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }

  private static byte[] bytes(FileValue file) {
    if (file.getValue() == null) {
      return new byte[0];
    }
    try (InputStream in = file.getValue()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads an entry to its end, failing once more than {@code budget} bytes came out of it. */
  private static long drain(InputStream in, long budget) throws IOException {
    byte[] buffer = new byte[8192];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > budget) {
        throw new IOException("inflates past " + ZIP_INFLATED_LIMIT + " bytes");
      }
    }
    return total;
  }
}
