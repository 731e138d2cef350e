/* sl-image.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-image"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sl-image.h"

struct _SlImage
{
  GObject  parent_instance;
  int      width;
  int      height;
  int      stride;
  GBytes  *bytes;
};

G_DEFINE_FINAL_TYPE (SlImage, sl_image, G_TYPE_OBJECT)

static void
sl_image_finalize (GObject *object)
{
  SlImage *self = SL_IMAGE (object);

  g_bytes_unref (self->bytes);
  G_OBJECT_CLASS (sl_image_parent_class)->finalize (object);
}

static void
sl_image_class_init (SlImageClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sl_image_finalize;
}

static void
sl_image_init (SlImage *self)
{
}

/**
 * sl_image_new_from_bytes:
 * @pixels: at least stride * (height - 1) + width * 4 bytes, RGBA8 straight
 *
 * Returns: (transfer full): an image sharing @pixels
 */
SlImage *
sl_image_new_from_bytes (int width, int height, int stride, GBytes *pixels)
{
  SlImage *self;

  g_return_val_if_fail (width > 0 && height > 0, NULL);
  g_return_val_if_fail (stride >= width * 4, NULL);
  g_return_val_if_fail (pixels != NULL, NULL);
  g_return_val_if_fail (g_bytes_get_size (pixels) >= (gsize) stride * (height - 1) + (gsize) width * 4, NULL);

  self = g_object_new (SL_TYPE_IMAGE, NULL);
  self->width = width;
  self->height = height;
  self->stride = stride;
  self->bytes = g_bytes_ref (pixels);
  return self;
}

int
sl_image_get_width (SlImage *self)
{
  g_return_val_if_fail (SL_IS_IMAGE (self), 0);
  return self->width;
}

int
sl_image_get_height (SlImage *self)
{
  g_return_val_if_fail (SL_IS_IMAGE (self), 0);
  return self->height;
}

int
sl_image_get_stride (SlImage *self)
{
  g_return_val_if_fail (SL_IS_IMAGE (self), 0);
  return self->stride;
}

const guint8 *
sl_image_get_pixels (SlImage *self)
{
  g_return_val_if_fail (SL_IS_IMAGE (self), NULL);
  return g_bytes_get_data (self->bytes, NULL);
}

GBytes *
sl_image_get_bytes (SlImage *self)
{
  g_return_val_if_fail (SL_IS_IMAGE (self), NULL);
  return self->bytes;
}

gsize
sl_image_get_byte_size (SlImage *self)
{
  g_return_val_if_fail (SL_IS_IMAGE (self), 0);
  return g_bytes_get_size (self->bytes);
}

/* Averaging sRGB codes directly darkens fine bright detail (a checkerboard
 * goes grey-dark instead of mid-grey), so boxes are averaged in linear light.
 * Encoding rounds to the code whose linear value is nearest, which makes
 * decode -> encode the identity. */
static float srgb_to_linear[256];
static float linear_midpoints[255];

static void
init_transfer_tables (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (int i = 0; i < 256; i++)
        {
          double c = i / 255.0;
          srgb_to_linear[i] = c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
        }
      for (int i = 0; i < 255; i++)
        linear_midpoints[i] = 0.5f * (srgb_to_linear[i] + srgb_to_linear[i + 1]);
      g_once_init_leave (&initialized, 1);
    }
}

static guint8
encode_linear (float value)
{
  int lo = 0, hi = 255;

  /* the number of midpoints below value is the nearest code */
  while (lo < hi)
    {
      int mid = (lo + hi) / 2;

      if (linear_midpoints[mid] < value)
        lo = mid + 1;
      else
        hi = mid;
    }
  return (guint8) lo;
}

/* Which source pixels overlap destination pixel i along one axis, and by
 * how much (normalised so that each destination pixel's weights sum to 1). */
typedef struct {
  int   *first;
  int   *count;
  float *weights;   /* count[i] entries starting at offset[i] */
  int   *offset;
} BoxTaps;

static void
box_taps_init (BoxTaps *taps, int src, int dst)
{
  double scale = (double) src / dst;
  int max_taps = (int) ceil (scale) + 1;

  taps->first = g_new (int, dst);
  taps->count = g_new (int, dst);
  taps->offset = g_new (int, dst);
  taps->weights = g_new (float, (gsize) dst * max_taps);

  for (int i = 0; i < dst; i++)
    {
      double start = i * scale;
      double end = MIN ((i + 1) * scale, (double) src);
      int first = (int) floor (start);
      int n = 0;

      taps->first[i] = first;
      taps->offset[i] = i * max_taps;
      for (int s = first; s < end && n < max_taps; s++, n++)
        {
          double overlap = MIN (end, s + 1.0) - MAX (start, (double) s);
          taps->weights[i * max_taps + n] = (float) (overlap / scale);
        }
      taps->count[i] = n;
    }
}

static void
box_taps_clear (BoxTaps *taps)
{
  g_free (taps->first);
  g_free (taps->count);
  g_free (taps->offset);
  g_free (taps->weights);
}

/* Adds weight * (the source row filtered horizontally) to acc, as
 * premultiplied linear RGB plus alpha. */
static void
accumulate_row (const guint8 *row, int channels, const BoxTaps *xt, int dst_width,
                float weight, float *acc)
{
  for (int x = 0; x < dst_width; x++)
    {
      const float *w = xt->weights + xt->offset[x];
      const guint8 *p = row + (gsize) xt->first[x] * channels;
      float r = 0, g = 0, b = 0, a = 0;

      for (int t = 0; t < xt->count[x]; t++, p += channels)
        {
          float alpha = (channels == 4 ? p[3] / 255.0f : 1.0f) * w[t];

          r += alpha * srgb_to_linear[p[0]];
          g += alpha * srgb_to_linear[p[1]];
          b += alpha * srgb_to_linear[p[2]];
          a += alpha;
        }
      acc[4 * x + 0] += weight * r;
      acc[4 * x + 1] += weight * g;
      acc[4 * x + 2] += weight * b;
      acc[4 * x + 3] += weight * a;
    }
}

static void
encode_row (const float *acc, int width, guint8 *out)
{
  for (int x = 0; x < width; x++, acc += 4, out += 4)
    {
      float a = acc[3];

      if (a <= 0.0f)
        {
          memset (out, 0, 4);
          continue;
        }
      out[0] = encode_linear (acc[0] / a);
      out[1] = encode_linear (acc[1] / a);
      out[2] = encode_linear (acc[2] / a);
      out[3] = (guint8) lrintf (CLAMP (a, 0.0f, 1.0f) * 255.0f);
    }
}

/* Works one destination row at a time, so memory stays proportional to the
 * output even when the source is hundreds of megapixels. */
static GBytes *
box_downscale (const guint8 *src, int src_width, int src_height, gsize src_stride,
               int channels, int dst_width, int dst_height)
{
  BoxTaps xt, yt;
  g_autofree float *acc = g_new (float, (gsize) dst_width * 4);
  guint8 *dst = g_malloc ((gsize) dst_width * dst_height * 4);

  init_transfer_tables ();
  box_taps_init (&xt, src_width, dst_width);
  box_taps_init (&yt, src_height, dst_height);

  for (int y = 0; y < dst_height; y++)
    {
      const float *wy = yt.weights + yt.offset[y];

      memset (acc, 0, sizeof (float) * dst_width * 4);
      for (int t = 0; t < yt.count[y]; t++)
        accumulate_row (src + (gsize) (yt.first[y] + t) * src_stride, channels,
                        &xt, dst_width, wy[t], acc);
      encode_row (acc, dst_width, dst + (gsize) y * dst_width * 4);
    }

  box_taps_clear (&xt);
  box_taps_clear (&yt);
  return g_bytes_new_take (dst, (gsize) dst_width * dst_height * 4);
}

static GBytes *
copy_to_rgba (const guint8 *src, int width, int height, gsize src_stride, int channels)
{
  guint8 *dst = g_malloc ((gsize) width * height * 4);

  for (int y = 0; y < height; y++)
    {
      const guint8 *s = src + (gsize) y * src_stride;
      guint8 *d = dst + (gsize) y * width * 4;

      if (channels == 4)
        {
          memcpy (d, s, (gsize) width * 4);
          continue;
        }
      for (int x = 0; x < width; x++, s += 3, d += 4)
        {
          d[0] = s[0];
          d[1] = s[1];
          d[2] = s[2];
          d[3] = 255;
        }
    }
  return g_bytes_new_take (dst, (gsize) width * height * 4);
}

static SlImage *
image_from_buffer (const guint8 *src, int src_width, int src_height, gsize src_stride,
                   int channels, int width, int height)
{
  g_autoptr(GBytes) bytes = NULL;

  if (width == src_width && height == src_height)
    bytes = copy_to_rgba (src, width, height, src_stride, channels);
  else
    bytes = box_downscale (src, src_width, src_height, src_stride, channels, width, height);
  return sl_image_new_from_bytes (width, height, width * 4, bytes);
}

/**
 * sl_image_new_from_pixbuf_at_size:
 * @pixbuf: 8-bit RGB or RGBA
 * @width: at most the pixbuf's width
 * @height: at most the pixbuf's height
 *
 * Converts and box-filters in one pass, without a full-size copy.
 *
 * Returns: (transfer full): a new image
 */
SlImage *
sl_image_new_from_pixbuf_at_size (GdkPixbuf *pixbuf, int width, int height)
{
  int channels;

  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);
  g_return_val_if_fail (gdk_pixbuf_get_bits_per_sample (pixbuf) == 8, NULL);
  channels = gdk_pixbuf_get_n_channels (pixbuf);
  g_return_val_if_fail (channels == 3 || channels == 4, NULL);
  g_return_val_if_fail (width > 0 && width <= gdk_pixbuf_get_width (pixbuf), NULL);
  g_return_val_if_fail (height > 0 && height <= gdk_pixbuf_get_height (pixbuf), NULL);

  return image_from_buffer (gdk_pixbuf_read_pixels (pixbuf),
                            gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf),
                            gdk_pixbuf_get_rowstride (pixbuf), channels, width, height);
}

SlImage *
sl_image_new_from_pixbuf (GdkPixbuf *pixbuf)
{
  g_return_val_if_fail (GDK_IS_PIXBUF (pixbuf), NULL);
  return sl_image_new_from_pixbuf_at_size (pixbuf, gdk_pixbuf_get_width (pixbuf),
                                           gdk_pixbuf_get_height (pixbuf));
}

SlImage *
sl_image_downscale (SlImage *self, int width, int height)
{
  g_return_val_if_fail (SL_IS_IMAGE (self), NULL);
  g_return_val_if_fail (width > 0 && width <= self->width, NULL);
  g_return_val_if_fail (height > 0 && height <= self->height, NULL);

  if (width == self->width && height == self->height)
    return g_object_ref (self);
  return image_from_buffer (sl_image_get_pixels (self), self->width, self->height,
                            self->stride, 4, width, height);
}

/* Keeps the aspect ratio; a limit <= 0 does not constrain. */
SlImage *
sl_image_downscale_to_fit (SlImage *self, int max_width, int max_height)
{
  double scale = 1.0;

  g_return_val_if_fail (SL_IS_IMAGE (self), NULL);

  if (max_width > 0)
    scale = MIN (scale, (double) max_width / self->width);
  if (max_height > 0)
    scale = MIN (scale, (double) max_height / self->height);
  return sl_image_downscale (self,
                             MAX (1, (int) lround (self->width * scale)),
                             MAX (1, (int) lround (self->height * scale)));
}

GdkPixbuf *
sl_image_to_pixbuf (SlImage *self)
{
  g_return_val_if_fail (SL_IS_IMAGE (self), NULL);
  return gdk_pixbuf_new_from_bytes (self->bytes, GDK_COLORSPACE_RGB, TRUE, 8,
                                    self->width, self->height, self->stride);
}

gboolean
sl_image_save_png (SlImage *self, const char *path, GError **error)
{
  g_autoptr(GdkPixbuf) pixbuf = NULL;

  g_return_val_if_fail (SL_IS_IMAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  pixbuf = sl_image_to_pixbuf (self);
  return gdk_pixbuf_save (pixbuf, path, "png", error, NULL);
}
