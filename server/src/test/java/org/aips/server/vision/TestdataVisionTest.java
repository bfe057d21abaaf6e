package org.aips.server.vision;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.aips.server.bus.Addresses;
import org.aips.server.support.Photos;
import org.aips.server.support.VisionBus;
import org.aips.server.support.VisionNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The vision services on the fuller test set (run with {@code -Daips.testdata=FOLDER}; .ci/run
 * passes ../shared/testdata when present). Expectations come from the set's own
 * {@code faces/ingest-sample.csv}: its tag, and the face count that starts each description.
 */
@Tag("testdata")
class TestdataVisionTest {

  private static final Pattern LEADING_COUNT = Pattern.compile("^(\\d+) ");

  private final Path root = Photos.testdata().orElseThrow(() -> new IllegalStateException("run with -Daips.testdata=FOLDER"));
  private final VisionBus bus = new VisionBus(VisionNode.server().vertx());

  private record Row(String uri, String tag, String description) {
  }

  @Test
  void facesAreFoundAsTheManifestCountsThemAndNoneOnNegatives() throws IOException {
    for (Row row : rows()) {
      byte[] image = Photos.read(root.resolve("faces").resolve(row.uri()));
      switch (row.tag()) {
        case "face" -> {
          Matcher count = LEADING_COUNT.matcher(row.description());
          assertThat(count.find()).as(row.description()).isTrue();
          assertThat(bus.faces(image)).as(row.uri()).hasSize(Integer.parseInt(count.group(1)));
        }
        case "no-face" -> assertThat(bus.faces(image)).as(row.uri()).isEmpty();
        case "corrupt" -> assertThat(bus.failureOf(Addresses.VISION_FACES, image)).as(row.uri())
            .isIn(VisionFailure.TRUNCATED_IMAGE, VisionFailure.INVALID_IMAGE);
        case "not-image" -> assertThat(bus.failureOf(Addresses.VISION_FACES, image)).as(row.uri()).isEqualTo(VisionFailure.INVALID_IMAGE);
        default -> throw new AssertionError("unknown tag " + row.tag());
      }
    }
  }

  @Test
  void aJpegCutInsideItsScanIsTruncatedNotAnalysed() {
    byte[] image = Photos.read(root.resolve("faces/corrupt_truncated_midscan.jpg"));
    assertThat(bus.failureOf(Addresses.VISION_FACES, image)).isEqualTo(VisionFailure.TRUNCATED_IMAGE);
  }

  @Test
  void aHeadTiltedAboutThirtyDegreesHasARollToMatch() {
    JsonArray faces = bus.faces(Photos.read(root.resolve("faces/group3_tilted.jpg")));
    JsonObject rightmost = faces.stream().map(JsonObject.class::cast)
        .max((a, b) -> Double.compare(a.getJsonObject("box").getDouble("x"), b.getJsonObject("box").getDouble("x"))).orElseThrow();
    assertThat(Math.abs(rightmost.getJsonObject("pose").getDouble("roll"))).isBetween(15.0, 45.0);
  }

  @Test
  void smallSoftFacesScoreBlurrierThanASharpPortrait() {
    double portrait = bus.faces(Photos.read(root.resolve("faces/portrait_grace_hopper.jpg"))).getJsonObject(0).getDouble("blur");
    for (Object face : bus.faces(Photos.read(root.resolve("faces/sofa_group_small.jpg")))) {
      assertThat(((JsonObject) face).getDouble("blur")).isLessThan(portrait / 5);
    }
  }

  @Test
  void vehiclesAndPeopleGetTheirCategories() {
    assertThat(categories("content/street_bus.jpg")).contains("motor").doesNotContain("body");
    assertThat(categories("content/motorcycle_garage.png")).contains("no_motor").doesNotContain("body");
    assertThat(categories("faces/two_men_small.jpg")).contains("body");
    for (String negative : List.of("faces/neg_mandrill.jpg", "faces/neg_fruits.jpg", "faces/neg_squirrel.jpg", "content/landscape_lake.png")) {
      assertThat(categories(negative)).as(negative).doesNotContain("body");
    }
  }

  private List<String> categories(String file) {
    return bus.objects(Photos.read(root.resolve(file))).stream().map(JsonObject.class::cast)
        .filter(o -> o.containsKey("category")).map(o -> o.getString("category")).toList();
  }

  private List<Row> rows() throws IOException {
    return Files.readAllLines(root.resolve("faces/ingest-sample.csv")).stream().skip(1).filter(line -> !line.isBlank())
        .map(line -> line.split(",", 3)).map(parts -> new Row(parts[0], parts[1], parts[2])).toList();
  }
}
