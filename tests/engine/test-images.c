/* test-images.c: decoded images, the image cache, depth and plate layers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/resource.h>

#include "shotline-engine.h"

static char *tmp_dir;

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

/* A deterministic pseudo-random byte (xorshift), for texture. */
static guint8
noise (guint32 *state)
{
  *state ^= *state << 13;
  *state ^= *state >> 17;
  *state ^= *state << 5;
  return *state >> 24;
}

static GdkPixbuf *
gradient_pixbuf (int width, int height, gboolean alpha)
{
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, width, height);
  int channels = gdk_pixbuf_get_n_channels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  guint8 *pixels = gdk_pixbuf_get_pixels (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + (gsize) y * stride + (gsize) x * channels;

        p[0] = x * 255 / width;
        p[1] = y * 255 / height;
        p[2] = 128;
        if (alpha)
          p[3] = 255;
      }
  return pixbuf;
}

static char *
write_image (const char *name, int width, int height, const char *type)
{
  g_autoptr(GdkPixbuf) pixbuf = gradient_pixbuf (width, height, FALSE);
  g_autoptr(GError) error = NULL;
  char *path = tmp_path (name);

  if (g_str_equal (type, "jpeg"))
    gdk_pixbuf_save (pixbuf, path, type, &error, "quality", "80", NULL);
  else
    gdk_pixbuf_save (pixbuf, path, type, &error, NULL);
  g_assert_no_error (error);
  return path;
}

static glong
max_rss_kib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

/* ---- SlImage ---------------------------------------------------------- */

static SlImage *
image_from_rgba (int width, int height, const guint8 *rgba)
{
  g_autoptr(GBytes) bytes = g_bytes_new (rgba, (gsize) width * height * 4);

  return sl_image_new_from_bytes (width, height, width * 4, bytes);
}

static void
test_image_downscale (void)
{
  /* black and white checkers average to half the light, which sRGB
   * codes as 188, not 128 */
  guint8 checker[4 * 4 * 4];
  guint8 mixed[] = { 255, 0, 0, 0,   0, 0, 255, 255 };
  g_autoptr(SlImage) image = NULL;
  g_autoptr(SlImage) half = NULL;
  g_autoptr(SlImage) same = NULL;
  g_autoptr(SlImage) blend = NULL;
  g_autoptr(SlImage) one = NULL;
  const guint8 *p;

  for (int i = 0; i < 16; i++)
    {
      guint8 v = ((i % 4) + (i / 4)) % 2 ? 255 : 0;

      checker[4 * i] = checker[4 * i + 1] = checker[4 * i + 2] = v;
      checker[4 * i + 3] = 255;
    }
  image = image_from_rgba (4, 4, checker);
  half = sl_image_downscale (image, 2, 2);
  g_assert_cmpint (sl_image_get_width (half), ==, 2);
  g_assert_cmpint (sl_image_get_height (half), ==, 2);
  p = sl_image_get_pixels (half);
  for (int i = 0; i < 4; i++)
    {
      g_assert_cmpint (ABS (p[4 * i] - 188), <=, 1);
      g_assert_cmpint (p[4 * i + 3], ==, 255);
    }

  same = sl_image_downscale (image, 4, 4);
  g_assert_true (same == image);

  /* a transparent pixel lends its alpha, not its colour */
  blend = image_from_rgba (2, 1, mixed);
  one = sl_image_downscale (blend, 1, 1);
  p = sl_image_get_pixels (one);
  g_assert_cmpint (p[0], ==, 0);
  g_assert_cmpint (p[2], ==, 255);
  g_assert_cmpint (ABS (p[3] - 128), <=, 1);

  g_clear_object (&one);
  one = sl_image_downscale_to_fit (image, 2, 0);
  g_assert_cmpint (sl_image_get_width (one), ==, 2);
  g_assert_cmpint (sl_image_get_height (one), ==, 2);
}

static void
test_image_pixbuf_round_trip (void)
{
  g_autoptr(GdkPixbuf) pixbuf = gradient_pixbuf (37, 21, FALSE);
  g_autoptr(SlImage) image = sl_image_new_from_pixbuf (pixbuf);
  g_autoptr(GdkPixbuf) back = sl_image_to_pixbuf (image);

  g_assert_cmpint (sl_image_get_width (image), ==, 37);
  g_assert_cmpint (sl_image_get_stride (image), ==, 37 * 4);
  g_assert_cmpuint (sl_image_get_byte_size (image), ==, 37 * 21 * 4);
  for (int y = 0; y < 21; y++)
    for (int x = 0; x < 37; x++)
      {
        const guint8 *a = gdk_pixbuf_read_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) + x * 3;
        const guint8 *b = gdk_pixbuf_read_pixels (back) + y * gdk_pixbuf_get_rowstride (back) + x * 4;

        g_assert_cmpmem (a, 3, b, 3);
        g_assert_cmpint (b[3], ==, 255);
      }
}

/* ---- SlImageCache ----------------------------------------------------- */

static void
assert_size (SlImage *image, int width, int height)
{
  g_assert_nonnull (image);
  g_assert_cmpint (sl_image_get_width (image), ==, width);
  g_assert_cmpint (sl_image_get_height (image), ==, height);
}

static void
test_cache_levels (void)
{
  g_autofree char *path = write_image ("levels.png", 801, 601, "png");
  g_autoptr(SlImageCache) cache = sl_image_cache_new (64 * 1024 * 1024);
  struct { int max_w, max_h, w, h; } cases[] = {
    {   0,   0, 801, 601 },   /* unconstrained: full size */
    { 401, 301, 401, 301 },   /* level 1, sides rounded up */
    { 402, 301, 801, 601 },   /* just too large for level 1 */
    { 150,   0, 201, 151 },   /* level 2 */
    { 100,   1, 101,  76 },   /* level 3 */
    {   0,  76, 101,  76 },
    {   1,   1,   1,   1 },   /* all the way down */
    { 5000, 5000, 801, 601 }, /* never upscaled */
  };
  int w, h;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SlImage) image = sl_image_cache_get (cache, path, cases[i].max_w, cases[i].max_h, &error);

      g_assert_no_error (error);
      assert_size (image, cases[i].w, cases[i].h);
    }
  g_assert_true (sl_image_cache_get_source_size (cache, path, &w, &h, NULL));
  g_assert_cmpint (w, ==, 801);
  g_assert_cmpint (h, ==, 601);
}

static void
test_cache_level_content (void)
{
  g_autofree char *path = write_image ("content.png", 64, 32, "png");
  g_autoptr(SlImageCache) cache = sl_image_cache_new (1024 * 1024);
  g_autoptr(SlImage) full = sl_image_cache_get (cache, path, 0, 0, NULL);
  g_autoptr(SlImage) half = sl_image_cache_get (cache, path, 32, 16, NULL);
  g_autoptr(SlImage) expected = sl_image_downscale (full, 32, 16);

  assert_size (half, 32, 16);
  g_assert_cmpmem (sl_image_get_pixels (half), 32 * 16 * 4, sl_image_get_pixels (expected), 32 * 16 * 4);
}

static void
test_cache_hits (void)
{
  g_autofree char *path = write_image ("hits.png", 200, 100, "png");
  g_autoptr(SlImageCache) cache = sl_image_cache_new (1024 * 1024);
  g_autoptr(SlImage) a = sl_image_cache_get (cache, path, 100, 50, NULL);
  g_autoptr(SlImage) b = sl_image_cache_get (cache, path, 90, 40, NULL);
  g_autoptr(SlImage) c = sl_image_cache_get (cache, path, 200, 100, NULL);

  g_assert_true (a == b);
  g_assert_false (a == c);
  g_assert_cmpuint (sl_image_cache_get_n_images (cache), ==, 2);
  g_assert_cmpuint (sl_image_cache_get_bytes_used (cache), ==, (100 * 50 + 200 * 100) * 4);

  sl_image_cache_clear (cache);
  g_assert_cmpuint (sl_image_cache_get_n_images (cache), ==, 0);
  g_assert_cmpuint (sl_image_cache_get_bytes_used (cache), ==, 0);
  /* what was handed out stays valid */
  assert_size (a, 100, 50);
}

static void
test_cache_reloads_changed_file (void)
{
  g_autofree char *path = write_image ("changes.png", 40, 30, "png");
  g_autoptr(SlImageCache) cache = sl_image_cache_new (1024 * 1024);
  g_autoptr(SlImage) before = sl_image_cache_get (cache, path, 0, 0, NULL);
  g_autoptr(SlImage) after = NULL;
  g_autofree char *again = NULL;

  assert_size (before, 40, 30);
  again = write_image ("changes.png", 50, 20, "png");
  after = sl_image_cache_get (cache, path, 0, 0, NULL);
  assert_size (after, 50, 20);
  g_assert_cmpuint (sl_image_cache_get_n_images (cache), ==, 1);
}

static void
test_cache_eviction (void)
{
  const gsize level_bytes = 100 * 50 * 4;
  g_autoptr(SlImageCache) cache = sl_image_cache_new (3 * level_bytes);
  g_autoptr(SlImage) a = NULL;
  g_autoptr(SlImage) a_again = NULL;
  g_autoptr(SlImage) b_again = NULL;
  g_autoptr(SlImage) huge = NULL;
  g_autoptr(SlImage) b = NULL;
  char *paths[5];

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("evict-%d.png", i);
      paths[i] = write_image (name, 200, 100, "png");
    }

  a = sl_image_cache_get (cache, paths[0], 100, 50, NULL);
  for (int i = 1; i <= 2; i++)
    {
      b = sl_image_cache_get (cache, paths[i], 100, 50, NULL);
      g_clear_object (&b);
    }
  g_assert_cmpuint (sl_image_cache_get_n_images (cache), ==, 3);

  /* touching 0 makes 1 the least recently used, so 1 goes for 3 */
  a_again = sl_image_cache_get (cache, paths[0], 100, 50, NULL);
  g_assert_true (a == a_again);
  g_clear_object (&a_again);
  b = sl_image_cache_get (cache, paths[3], 100, 50, NULL);
  g_assert_cmpuint (sl_image_cache_get_n_images (cache), ==, 3);
  g_assert_cmpuint (sl_image_cache_get_bytes_used (cache), <=, 3 * level_bytes);
  a_again = sl_image_cache_get (cache, paths[0], 100, 50, NULL);
  g_assert_true (a == a_again);

  /* an image larger than the whole budget is handed out, not kept */
  huge = sl_image_cache_get (cache, paths[4], 0, 0, NULL);
  assert_size (huge, 200, 100);
  g_assert_cmpuint (sl_image_cache_get_bytes_used (cache), <=, 3 * level_bytes);

  /* a smaller budget evicts at once; a new decode gives a new object */
  sl_image_cache_set_budget (cache, level_bytes);
  g_assert_cmpuint (sl_image_cache_get_budget (cache), ==, level_bytes);
  g_assert_cmpuint (sl_image_cache_get_n_images (cache), ==, 1);
  b_again = sl_image_cache_get (cache, paths[1], 100, 50, NULL);
  assert_size (b_again, 100, 50);
  g_clear_object (&a_again);
  a_again = sl_image_cache_get (cache, paths[0], 100, 50, NULL);
  g_assert_false (a == a_again);

  for (int i = 0; i < 5; i++)
    g_free (paths[i]);
}

typedef struct {
  SlImageCache *cache;
  const char   *path;
} ThreadJob;

static gpointer
get_in_thread (gpointer data)
{
  ThreadJob *job = data;

  return sl_image_cache_get (job->cache, job->path, 300, 200, NULL);
}

static void
test_cache_threads (void)
{
  g_autofree char *path = write_image ("threads.jpg", 1200, 800, "jpeg");
  g_autoptr(SlImageCache) cache = sl_image_cache_new (64 * 1024 * 1024);
  ThreadJob job = { cache, path };
  GThread *threads[8];
  SlImage *images[8];

  for (int i = 0; i < 8; i++)
    threads[i] = g_thread_new ("get", get_in_thread, &job);
  for (int i = 0; i < 8; i++)
    images[i] = g_thread_join (threads[i]);
  /* one decode, shared: every thread has the same object */
  for (int i = 0; i < 8; i++)
    {
      assert_size (images[i], 300, 200);
      g_assert_true (images[i] == images[0]);
    }
  for (int i = 0; i < 8; i++)
    g_object_unref (images[i]);
  g_assert_cmpuint (sl_image_cache_get_n_images (cache), ==, 1);
}

/* A 6000x4000 photo wanted 1000 pixels high comes from libjpeg's 1/4 scale
 * decode: the full 72 MB picture is never allocated. */
static void
test_cache_large_jpeg (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(SlImageCache) cache = sl_image_cache_new (64 * 1024 * 1024);
      g_autoptr(GError) error = NULL;
      g_autoptr(SlImage) image = NULL;
      glong before = max_rss_kib ();

      image = sl_image_cache_get (cache, g_getenv ("TEST_IMAGES_LARGE_JPEG"), 1000, 1000, &error);
      g_assert_no_error (error);
      assert_size (image, 1500, 1000);
      g_assert_cmpint (max_rss_kib () - before, <, 40 * 1024);
      return;
    }
  else
    {
      g_autofree char *path = write_image ("large.jpg", 6000, 4000, "jpeg");

      g_setenv ("TEST_IMAGES_LARGE_JPEG", path, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
    }
}

static void
assert_error (const char *path, int code, const char *words)
{
  g_autoptr(SlImageCache) cache = sl_image_cache_new (64 * 1024 * 1024);
  g_autoptr(GError) error = NULL;
  g_autoptr(SlImage) image = sl_image_cache_get (cache, path, 1000, 1000, &error);

  g_assert_null (image);
  g_assert_error (error, SL_SHOTS_ERROR, code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, words));
  g_assert_cmpuint (sl_image_cache_get_n_images (cache), ==, 0);
}

static void
truncate_copy (const char *from, const char *to)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &data, &length, NULL));
  g_assert_true (g_file_set_contents (to, data, length / 2, NULL));
}

static void
test_cache_errors (void)
{
  g_autofree char *missing = tmp_path ("missing.png");
  g_autofree char *text = tmp_path ("text.png");
  g_autofree char *xcf = tmp_path ("drawing.png");
  g_autofree char *jpeg = write_image ("whole.jpg", 640, 480, "jpeg");
  g_autofree char *png = write_image ("whole.png", 640, 480, "png");
  g_autofree char *half_jpeg = tmp_path ("half.jpg");
  g_autofree char *half_png = tmp_path ("half.png");
  static const char xcf_header[] = "gimp xcf v011\0\0\0\0\x10\0\0\0\x10";

  assert_error (missing, SL_SHOTS_ERROR_NOT_FOUND, "does not exist");
  assert_error (tmp_dir, SL_SHOTS_ERROR_IO, "not a regular file");

  g_assert_true (g_file_set_contents (text, "This is a shopping list, not a picture.\n", -1, NULL));
  assert_error (text, SL_SHOTS_ERROR_CORRUPT, "not an image");

  /* an image the system recognises but has no decoder for */
  g_assert_true (g_file_set_contents (xcf, xcf_header, sizeof xcf_header, NULL));
  assert_error (xcf, SL_SHOTS_ERROR_INVALID, "not supported");

  truncate_copy (jpeg, half_jpeg);
  assert_error (half_jpeg, SL_SHOTS_ERROR_CORRUPT, "truncated");
  truncate_copy (png, half_png);
  assert_error (half_png, SL_SHOTS_ERROR_CORRUPT, "truncated");
}

static guint32
crc32 (const guint8 *data, gsize length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }
  return ~crc;
}

static void
put_be32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

static void
put_chunk (GByteArray *png, const char *type, const guint8 *data, guint32 length)
{
  guint8 word[4];
  g_autoptr(GByteArray) crc_input = g_byte_array_new ();

  put_be32 (word, length);
  g_byte_array_append (png, word, 4);
  g_byte_array_append (crc_input, (const guint8 *) type, 4);
  g_byte_array_append (crc_input, data, length);
  g_byte_array_append (png, crc_input->data, crc_input->len);
  put_be32 (word, crc32 (crc_input->data, crc_input->len));
  g_byte_array_append (png, word, 4);
}

/* A valid PNG whose header claims 30000 x 30000 pixels (3.6 GB if
 * anything believed it), with an empty compressed stream. */
static void
write_huge_png (const char *path)
{
  guint8 ihdr[13] = { 0, 0, 0, 0, 0, 0, 0, 0, 8, 2, 0, 0, 0 };
  static const guint8 idat[] = { 0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01 };
  g_autoptr(GByteArray) png = g_byte_array_new ();

  g_byte_array_append (png, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  put_be32 (ihdr, 30000);
  put_be32 (ihdr + 4, 30000);
  put_chunk (png, "IHDR", ihdr, sizeof ihdr);
  put_chunk (png, "IDAT", idat, sizeof idat);
  put_chunk (png, "IEND", NULL, 0);
  g_assert_true (g_file_set_contents (path, (const char *) png->data, png->len, NULL));
}

static void
test_cache_too_large (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *path = tmp_path ("huge.png");
      glong before = max_rss_kib ();
      g_autoptr(SlImageCache) cache = sl_image_cache_new (64 * 1024 * 1024);
      g_autoptr(GError) error = NULL;
      g_autoptr(SlImage) small = NULL;
      int w, h;

      write_huge_png (path);
      g_assert_true (sl_image_cache_get_source_size (cache, path, &w, &h, NULL));
      g_assert_cmpint (w, ==, 30000);
      g_assert_cmpint (h, ==, 30000);
      assert_error (path, SL_SHOTS_ERROR_INVALID, "too large");
      small = sl_image_cache_get (cache, path, 500, 500, &error);
      g_assert_null (small);
      g_assert_error (error, SL_SHOTS_ERROR, SL_SHOTS_ERROR_INVALID);
      g_assert_cmpint (max_rss_kib () - before, <, 20 * 1024);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* EXIF orientation 6 (turn a quarter clockwise) put into a JPEG by hand,
 * since gdk-pixbuf does not write it. */
static char *
write_rotated_jpeg (void)
{
  static const guint8 app1[] = {
    0xff, 0xe1, 0x00, 0x22, 'E', 'x', 'i', 'f', 0, 0,
    'M', 'M', 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08,
    0x00, 0x01,
    0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00,
  };
  g_autofree char *plain = write_image ("plain.jpg", 400, 200, "jpeg");
  g_autofree char *data = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  char *path = tmp_path ("rotated.jpg");
  gsize length;

  g_assert_true (g_file_get_contents (plain, &data, &length, NULL));
  g_byte_array_append (out, (const guint8 *) data, 2);
  g_byte_array_append (out, app1, sizeof app1);
  g_byte_array_append (out, (const guint8 *) data + 2, length - 2);
  g_assert_true (g_file_set_contents (path, (const char *) out->data, out->len, NULL));
  return path;
}

static void
test_cache_orientation (void)
{
  g_autofree char *path = write_rotated_jpeg ();
  g_autoptr(SlImageCache) cache = sl_image_cache_new (64 * 1024 * 1024);
  g_autoptr(SlImage) half = sl_image_cache_get (cache, path, 100, 200, NULL);
  g_autoptr(SlImage) full = sl_image_cache_get (cache, path, 200, 400, NULL);
  g_autoptr(SlImage) again = sl_image_cache_get (cache, path, 100, 200, NULL);

  /* stored 400 x 200, shown 200 x 400 */
  assert_size (half, 100, 200);
  assert_size (full, 200, 400);
  g_assert_true (half == again);
}

/* ---- depth ------------------------------------------------------------ */

/* Sky fading from blue to pale at the top, textured green ground below. */
static SlImage *
landscape (int width, int height)
{
  guint8 *pixels = g_malloc ((gsize) width * height * 4);
  g_autoptr(GBytes) bytes = NULL;
  guint32 seed = 12345;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + ((gsize) y * width + x) * 4;

        if (y < height / 2)
          {
            double t = (double) y / (height / 2);

            p[0] = 90 + 120 * t;
            p[1] = 140 + 90 * t;
            p[2] = 215 + 25 * t;
          }
        else
          {
            int n = noise (&seed);

            p[0] = 40 + n / 6;
            p[1] = 90 + n / 3;
            p[2] = 30 + n / 8;
          }
        p[3] = 255;
      }
  bytes = g_bytes_new_take (pixels, (gsize) width * height * 4);
  return sl_image_new_from_bytes (width, height, width * 4, bytes);
}

static double
row_mean (SlDepthMap *map, int y)
{
  const float *d = sl_depth_map_get_data (map) + (gsize) y * sl_depth_map_get_width (map);
  double sum = 0.0;

  for (int x = 0; x < sl_depth_map_get_width (map); x++)
    sum += d[x];
  return sum / sl_depth_map_get_width (map);
}

static void
test_depth_sky_and_ground (void)
{
  g_autoptr(SlImage) image = landscape (256, 192);
  g_autoptr(SlDepthEstimator) estimator = sl_depth_estimator_new ();
  g_autoptr(SlDepthMap) depth = sl_depth_estimator_estimate (estimator, image, 1.5);
  g_autoptr(SlDepthMap) again = sl_depth_estimator_estimate (estimator, image, 1.5);
  const float *d = sl_depth_map_get_data (depth);

  g_assert_cmpint (sl_depth_map_get_width (depth), ==, 256);
  g_assert_cmpint (sl_depth_map_get_height (depth), ==, 192);
  g_assert_cmpfloat (sl_depth_map_get_strength (depth), ==, 1.5);
  for (int i = 0; i < 256 * 192; i++)
    g_assert_true (d[i] >= 0.0f && d[i] <= 1.0f);

  /* the sky is the farthest thing, the bottom of the ground the nearest */
  g_assert_cmpfloat (row_mean (depth, 5), >, 0.95);
  g_assert_cmpfloat (row_mean (depth, 185), <, 0.2);
  g_assert_cmpfloat (row_mean (depth, 5), >, row_mean (depth, 110));
  g_assert_cmpfloat (row_mean (depth, 110), >, row_mean (depth, 185));

  /* same pixels, same depth */
  g_assert_cmpmem (d, 256 * 192 * sizeof (float), sl_depth_map_get_data (again), 256 * 192 * sizeof (float));
}

/* Left: a dark textured rock standing the full height of the frame, near.
 * Right: pale sky above, bright hazy low-contrast hills below, far. */
static SlImage *
rock_and_hills (int width, int height)
{
  guint8 *pixels = g_malloc ((gsize) width * height * 4);
  g_autoptr(GBytes) bytes = NULL;
  guint32 seed = 777;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint8 *p = pixels + ((gsize) y * width + x) * 4;
        int n = noise (&seed);

        if (x < width / 2)
          {
            p[0] = 70 + n / 3;
            p[1] = 55 + n / 4;
            p[2] = 40 + n / 5;
          }
        else if (y < height * 2 / 5)
          {
            p[0] = 150;
            p[1] = 190;
            p[2] = 235;
          }
        else
          {
            p[0] = 165 + n / 64;
            p[1] = 180 + n / 64;
            p[2] = 200 + n / 64;
          }
        p[3] = 255;
      }
  bytes = g_bytes_new_take (pixels, (gsize) width * height * 4);
  return sl_image_new_from_bytes (width, height, width * 4, bytes);
}

/* Over how many pixels the depth climbs from 10 % to 90 % of its step
 * across the rock's edge on row y. */
static int
edge_width (SlDepthMap *map, int y, int edge, int reach, double *step)
{
  const float *row = sl_depth_map_get_data (map) + (gsize) y * sl_depth_map_get_width (map);
  double lo = row[edge - reach], hi = row[edge + reach];
  int first = -1, last = -1;

  *step = hi - lo;
  for (int x = edge - reach; x <= edge + reach; x++)
    {
      if (first < 0 && row[x] > lo + 0.1 * *step)
        first = x;
      if (last < 0 && row[x] >= lo + 0.9 * *step)
        last = x;
    }
  return last - first + 1;
}

static void
test_depth_edges (void)
{
  g_autoptr(SlDepthEstimator) estimator = sl_depth_estimator_new ();
  int sizes[][2] = { { 320, 200 }, { 1024, 640 } };   /* as is; upsampled */

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      int w = sizes[s][0], h = sizes[s][1];
      g_autoptr(SlImage) image = rock_and_hills (w, h);
      g_autoptr(SlDepthMap) depth = sl_depth_estimator_estimate (estimator, image, 1.0);
      int rows[] = { h / 5, h * 3 / 5, h * 9 / 10 };

      for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
        {
          double step;
          int width = edge_width (depth, rows[r], w / 2, w / 16, &step);

          g_test_message ("%dx%d row %d: step %.3f over %d px", w, h, rows[r], step, width);
          g_assert_cmpfloat (step, >, 0.2);
          g_assert_cmpint (width, <=, 4);
        }
    }
}

static void
test_depth_user_map (void)
{
  g_autoptr(SlImage) image = landscape (64, 48);
  g_autoptr(SlDepthEstimator) estimator = sl_depth_estimator_new ();
  g_autoptr(SlDepthMap) depth = sl_depth_estimator_estimate (estimator, image, 1.0);
  g_autoptr(SlImage) gray = sl_depth_map_to_image (depth);
  g_autofree char *path = tmp_path ("depth.png");
  g_autoptr(SlImageCache) cache = sl_image_cache_new (1024 * 1024);
  g_autoptr(SlImage) loaded = NULL;
  g_autoptr(SlDepthMap) back = NULL;
  g_autoptr(SlDepthMap) resized = NULL;
  g_autoptr(GError) error = NULL;
  guint8 white_black[] = { 255, 255, 255, 255,   0, 0, 0, 255 };
  g_autoptr(SlImage) two = image_from_rgba (2, 1, white_black);
  g_autoptr(SlDepthMap) convention = sl_depth_map_new_from_image (two, 2.0);

  /* white is near, black is far */
  g_assert_cmpfloat (sl_depth_map_get_data (convention)[0], ==, 0.0f);
  g_assert_cmpfloat (sl_depth_map_get_data (convention)[1], ==, 1.0f);
  g_assert_cmpfloat (sl_depth_map_get_strength (convention), ==, 2.0);

  g_assert_true (sl_image_save_png (gray, path, &error));
  g_assert_no_error (error);
  loaded = sl_image_cache_get (cache, path, 0, 0, &error);
  g_assert_no_error (error);
  back = sl_depth_map_new_from_image (loaded, 0.5);
  g_assert_cmpfloat (sl_depth_map_get_strength (back), ==, 0.5);
  for (int i = 0; i < 64 * 48; i++)
    g_assert_cmpfloat_with_epsilon (sl_depth_map_get_data (back)[i], sl_depth_map_get_data (depth)[i], 0.5 / 255 + 1e-5);

  resized = sl_depth_map_resize (back, 128, 96);
  g_assert_cmpint (sl_depth_map_get_width (resized), ==, 128);
  g_assert_cmpfloat_with_epsilon (row_mean (resized, 2), row_mean (back, 1), 0.02);
  g_assert_cmpfloat_with_epsilon (row_mean (resized, 93), row_mean (back, 46), 0.02);
}

/* ---- plate layers ----------------------------------------------------- */

/* Back to front with "over", in straight alpha. */
static void
assert_reproduces (SlPlateLayers *layers, SlImage *plate)
{
  int w = sl_image_get_width (plate), h = sl_image_get_height (plate);
  const guint8 *expected = sl_image_get_pixels (plate);
  guint n = sl_plate_layers_get_n_layers (layers);
  double total = 0.0;
  int worst = 0;

  for (gsize i = 0; i < (gsize) w * h; i++)
    {
      double out[3] = { 0, 0, 0 };

      for (int k = n - 1; k >= 0; k--)
        {
          const guint8 *p = sl_image_get_pixels (sl_plate_layers_get_image (layers, k)) + 4 * i;
          double a = p[3] / 255.0;

          for (int c = 0; c < 3; c++)
            out[c] = a * p[c] + (1.0 - a) * out[c];
        }
      for (int c = 0; c < 3; c++)
        {
          int err = (int) ABS (lround (out[c]) - expected[4 * i + c]);

          worst = MAX (worst, err);
          total += err;
        }
    }
  g_test_message ("reproduction: worst %d, mean %.4f", worst, total / (3.0 * w * h));
  g_assert_cmpint (worst, <=, 3);
  g_assert_cmpfloat (total / (3.0 * w * h), <, 0.1);
}

static void
check_estimated_layers (SlImage *plate)
{
  int w = sl_image_get_width (plate), h = sl_image_get_height (plate);
  g_autoptr(SlDepthEstimator) estimator = sl_depth_estimator_new ();
  g_autoptr(SlDepthMap) depth = sl_depth_estimator_estimate (estimator, plate, 1.0);
  g_autoptr(SlPlateLayers) layers = sl_plate_layers_new (plate, depth, SL_PLATE_LAYERS_DEFAULT_COUNT);
  g_autoptr(SlPlateLayers) again = sl_plate_layers_new (plate, depth, SL_PLATE_LAYERS_DEFAULT_COUNT);
  guint n = sl_plate_layers_get_n_layers (layers);
  const guint8 *back = sl_image_get_pixels (sl_plate_layers_get_image (layers, n - 1));

  g_assert_cmpuint (n, ==, 4);
  assert_reproduces (layers, plate);

  for (int i = 0; i < w * h; i++)
    g_assert_cmpint (back[4 * i + 3], ==, 255);
  for (guint k = 0; k < n; k++)
    {
      double near, far;
      SlImage *a = sl_plate_layers_get_image (layers, k);
      SlImage *b = sl_plate_layers_get_image (again, k);

      assert_size (a, w, h);
      g_assert_cmpmem (sl_image_get_pixels (a), w * h * 4, sl_image_get_pixels (b), w * h * 4);
      sl_plate_layers_get_depth_range (layers, k, &near, &far);
      g_assert_cmpfloat (near, <=, sl_plate_layers_get_depth (layers, k));
      g_assert_cmpfloat (sl_plate_layers_get_depth (layers, k), <=, far);
      if (k > 0)
        g_assert_cmpfloat (sl_plate_layers_get_depth (layers, k - 1), <, sl_plate_layers_get_depth (layers, k));
    }
}

/* Hard depth steps (a rock before hills) and gently receding ground,
 * where bands hand over softly. */
static void
test_layers_reproduce_plate (void)
{
  g_autoptr(SlImage) rock = rock_and_hills (320, 200);
  g_autoptr(SlImage) ground = landscape (256, 192);

  check_estimated_layers (rock);
  check_estimated_layers (ground);
}

/* A near square on a mid-distance red wall before a far textured
 * backdrop; the depth is given, not estimated. */
static void
test_layers_fill_holes (void)
{
  const int w = 160, h = 120;
  guint8 *pixels = g_malloc ((gsize) w * h * 4);
  guint8 *depth_pixels = g_malloc ((gsize) w * h * 4);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) depth_bytes = NULL;
  g_autoptr(SlImage) plate = NULL;
  g_autoptr(SlImage) depth_image = NULL;
  g_autoptr(SlDepthMap) depth = NULL;
  g_autoptr(SlPlateLayers) layers = NULL;
  guint32 seed = 99;
  const guint8 *mid, *far;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint8 *p = pixels + ((gsize) y * w + x) * 4;
        guint8 *d = depth_pixels + ((gsize) y * w + x) * 4;
        gboolean wall = x >= 30 && x < 130 && y >= 20 && y < 100;
        gboolean square = x >= 65 && x < 95 && y >= 45 && y < 75;
        guint8 v = square ? 230 : wall ? 128 : 0;   /* white = near */
        int n = noise (&seed);

        p[0] = square ? 20 : wall ? 200 : n;
        p[1] = square ? 200 : wall ? 30 : n / 2;
        p[2] = square ? 20 : wall ? 30 : 255 - n;
        p[3] = 255;
        d[0] = d[1] = d[2] = v;
        d[3] = 255;
      }
  bytes = g_bytes_new_take (pixels, (gsize) w * h * 4);
  depth_bytes = g_bytes_new_take (depth_pixels, (gsize) w * h * 4);
  plate = sl_image_new_from_bytes (w, h, w * 4, bytes);
  depth_image = sl_image_new_from_bytes (w, h, w * 4, depth_bytes);
  depth = sl_depth_map_new_from_image (depth_image, 1.0);

  layers = sl_plate_layers_new (plate, depth, 3);
  g_assert_cmpuint (sl_plate_layers_get_n_layers (layers), ==, 3);
  assert_reproduces (layers, plate);

  /* the wall carries on, red and opaque, behind the square */
  mid = sl_image_get_pixels (sl_plate_layers_get_image (layers, 1));
  for (int y = 45; y < 75; y++)
    for (int x = 65; x < 95; x++)
      {
        const guint8 *p = mid + ((gsize) y * w + x) * 4;

        g_assert_cmpint (p[3], ==, 255);
        g_assert_cmpint (ABS (p[0] - 200), <=, 2);
        g_assert_cmpint (ABS (p[1] - 30), <=, 2);
      }
  /* the wall's layer holds nothing of the backdrop or of the square */
  g_assert_cmpint (mid[3], ==, 0);
  g_assert_cmpint (sl_image_get_pixels (sl_plate_layers_get_image (layers, 0))[(60 * w + 80) * 4 + 3], ==, 255);
  g_assert_cmpint (sl_image_get_pixels (sl_plate_layers_get_image (layers, 0))[(60 * w + 40) * 4 + 3], ==, 0);

  /* the backdrop is opaque everywhere, the wall's colour gone from it */
  far = sl_image_get_pixels (sl_plate_layers_get_image (layers, 2));
  for (int i = 0; i < w * h; i++)
    g_assert_cmpint (far[4 * i + 3], ==, 255);
  g_assert_cmpint (far[(60 * w + 80) * 4 + 0], <, 190);
}

static void
test_layers_flat_depth (void)
{
  g_autoptr(SlImage) plate = landscape (40, 30);
  guint8 gray[40 * 30 * 4];
  g_autoptr(SlImage) flat_image = NULL;
  g_autoptr(SlDepthMap) flat = NULL;
  g_autoptr(SlPlateLayers) layers = NULL;

  memset (gray, 128, sizeof gray);
  flat_image = image_from_rgba (40, 30, gray);
  flat = sl_depth_map_new_from_image (flat_image, 1.0);
  layers = sl_plate_layers_new (plate, flat, 4);
  /* one depth, one layer: the plate itself */
  g_assert_cmpuint (sl_plate_layers_get_n_layers (layers), ==, 1);
  assert_reproduces (layers, plate);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("test-images-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/image/downscale", test_image_downscale);
  g_test_add_func ("/image/pixbuf-round-trip", test_image_pixbuf_round_trip);
  g_test_add_func ("/image-cache/levels", test_cache_levels);
  g_test_add_func ("/image-cache/level-content", test_cache_level_content);
  g_test_add_func ("/image-cache/hits", test_cache_hits);
  g_test_add_func ("/image-cache/reloads-changed-file", test_cache_reloads_changed_file);
  g_test_add_func ("/image-cache/eviction", test_cache_eviction);
  g_test_add_func ("/image-cache/threads", test_cache_threads);
  g_test_add_func ("/image-cache/large-jpeg", test_cache_large_jpeg);
  g_test_add_func ("/image-cache/errors", test_cache_errors);
  g_test_add_func ("/image-cache/too-large", test_cache_too_large);
  g_test_add_func ("/image-cache/orientation", test_cache_orientation);
  g_test_add_func ("/depth/sky-and-ground", test_depth_sky_and_ground);
  g_test_add_func ("/depth/edges", test_depth_edges);
  g_test_add_func ("/depth/user-map", test_depth_user_map);
  g_test_add_func ("/plate-layers/reproduce-plate", test_layers_reproduce_plate);
  g_test_add_func ("/plate-layers/fill-holes", test_layers_fill_holes);
  g_test_add_func ("/plate-layers/flat-depth", test_layers_flat_depth);

  status = g_test_run ();
  {
    g_autoptr(GFile) dir = g_file_new_for_path (tmp_dir);
    g_autoptr(GFileEnumerator) children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
    GFileInfo *info;

    while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, g_file_info_get_name (info), NULL);

        g_unlink (path);
        g_object_unref (info);
      }
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  return status;
}
