/* test-kernels-math.c: the shared per-pixel math of kernels/common/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "sl-kernels-harness.h"
#include "sl-tap.h"
#include "common/sl-color.h"
#include "common/sl-filter.h"
#include "common/sl-noise.h"
#include "common/sl-yuv.h"

#include <float.h>
#include <stdlib.h>

static SlSrgbTables tables;

static void
test_fast_exp_log (void)
{
  SlRng rng;

  sl_rng_init (&rng, 1);
  SL_CHECK (sl_log2_fast (1.0f) == 0.0f && sl_log2_fast (64.0f) == 6.0f && sl_log2_fast (0.125f) == -3.0f,
            "log2 of a power of two must be exact");
  SL_CHECK (sl_exp2_fast (0.0f) == 1.0f && sl_exp2_fast (3.0f) == 8.0f, "exp2 of an integer must be exact");
  SL_CHECK (sl_pow_fast (0.0f, 2.2f) == 0.0f && sl_pow_fast (-1.0f, 0.5f) == 0.0f, "pow of x <= 0 is 0");
  for (int i = 0; i < 200000; i++)
    {
      float x = expf (sl_rng_uniform (&rng, -40.0f, 40.0f));
      float y = sl_rng_uniform (&rng, -30.0f, 30.0f);
      float p = sl_rng_uniform (&rng, 0.2f, 5.0f);

      if (!SL_CHECK (fabs (sl_log2_fast (x) - log2 (x)) < 2e-6 * fmax (1.0, fabs (log2 (x))),
                     "log2 (%g) = %g", x, sl_log2_fast (x)))
        break;
      if (!SL_CHECK (fabs (sl_exp2_fast (y) / exp2 (y) - 1.0) < 1e-6, "exp2 (%g) = %g", y, sl_exp2_fast (y)))
        break;
      x = sl_rng_uniform (&rng, 0.0f, 4.0f);
      if (!SL_CHECK (fabs (sl_pow_fast (x, p) - pow (x, p)) <= 1e-5 * pow (x, p) + 1e-30,
                     "pow (%g, %g) = %g", x, p, sl_pow_fast (x, p)))
        break;
    }
}

static void
test_clamps_take_nan_low (void)
{
  SL_CHECK (sl_clampf (NAN, 0.0f, 1.0f) == 0.0f, "clamp of NaN");
  SL_CHECK (sl_clampf (INFINITY, 0.0f, 1.0f) == 1.0f, "clamp of infinity");
  SL_CHECK (sl_floor_to_int (NAN, -3, 7) == -3, "floor of NaN");
  SL_CHECK (sl_floor_to_int (-1.5f, -3, 7) == -2 && sl_floor_to_int (2.0f, -3, 7) == 2
            && sl_floor_to_int (1e30f, -3, 7) == 7 && sl_floor_to_int (-3.0f, -3, 7) == -3, "floor");
  /* Exact even with a wide range, where a shifted truncation would round. */
  SL_CHECK (sl_floor_to_int (5.97f, -(1 << 20), 1 << 20) == 5
            && sl_floor_to_int (-0.001f, -(1 << 20), 1 << 20) == -1
            && sl_floor_to_int (nextafterf (6.0f, 0.0f), -(1 << 20), 1 << 20) == 5, "floor in a wide range");
}

/* Decoding each 8-bit code and encoding it again must give the code back. */
static void
test_srgb_round_trip (void)
{
  for (uint32_t v = 0; v < 256; v++)
    SL_CHECK (sl_srgb_encode8 (&tables, tables.to_linear[v]) == v, "code %u comes back as %u", v,
              sl_srgb_encode8 (&tables, tables.to_linear[v]));
  SL_CHECK (tables.to_linear[0] == 0.0f && tables.to_linear[255] == 1.0f, "the ends of the curve");
}

/* The table encoder must equal the exact rounding for every float; check all
 * the floats around each threshold and many random ones. */
static void
test_srgb_encode8_exact (void)
{
  SlRng rng;

  for (uint32_t v = 0; v < 255; v++)
    {
      float x = tables.encode8_next[v];

      for (int k = 0; k < 8; k++)
        x = nextafterf (x, 0.0f);
      for (int k = 0; k < 16; k++, x = nextafterf (x, 2.0f))
        if (!SL_CHECK (sl_srgb_encode8 (&tables, x) == sl_srgb_encode8_exact (x),
                       "%.9g encodes to %u, not %u", x, sl_srgb_encode8 (&tables, x), sl_srgb_encode8_exact (x)))
          return;
      /* At most one step per bucket: the encoder's assumption. */
      SL_CHECK ((int32_t) (tables.encode8_next[v] * SL_SRGB_LUT_SIZE)
                != (int32_t) (tables.encode8_next[v + 1] * SL_SRGB_LUT_SIZE) || v == 254,
                "two steps in one bucket at %u", v);
    }
  sl_rng_init (&rng, 2);
  for (int i = 0; i < 1000000; i++)
    {
      float x = sl_rng_uniform (&rng, -0.1f, 1.1f);

      if (i % 2)
        x = x * x * x * x;  /* dense near black, where the steps are narrow */
      if (!SL_CHECK (sl_srgb_encode8 (&tables, x) == sl_srgb_encode8_exact (x), "%.9g encodes wrongly", x))
        return;
    }
}

static void
test_srgb_encode_float (void)
{
  double worst = 0.0;

  for (int i = 0; i <= 1000000; i++)
    {
      float x = (float) i / 1000000.0f;
      double d = fabs (sl_srgb_encode (x) - sl_srgb_encode_exact (x));

      worst = d > worst ? d : worst;
    }
  SL_CHECK (worst < 1.2e-5, "float encoder is off by %g", worst);
  SL_CHECK (sl_srgb_encode (NAN) == 0.0f && fabsf (sl_srgb_encode (7.0f) - 1.0f) < 1e-5f
            && sl_srgb_encode (-1.0f) == 0.0f, "out-of-range input clamps");
}

static void
test_bayer_is_a_permutation (void)
{
  int seen[16] = { 0 };

  for (uint32_t y = 0; y < 4; y++)
    for (uint32_t x = 0; x < 4; x++)
      {
        int v = (int) lrintf ((sl_bayer4 (x, y) + 0.5f) * 16.0f - 0.5f);

        if (SL_CHECK (v >= 0 && v < 16, "offset out of range"))
          seen[v]++;
        SL_CHECK (sl_bayer4 (x, y) == sl_bayer4 (x + 4, y + 8), "the pattern tiles");
      }
  for (int v = 0; v < 16; v++)
    SL_CHECK (seen[v] == 1, "value %d appears %d times", v, seen[v]);
  SL_CHECK (sl_bayer4 (1, 0) > sl_bayer4 (0, 0) && sl_bayer4 (0, 1) > sl_bayer4 (1, 0), "Bayer order");
}

static void
test_hash_is_uniform (void)
{
  double sum = 0.0;
  int buckets[16] = { 0 };
  const int n = 160000;

  for (int i = 0; i < n; i++)
    {
      float u = sl_hash_to_unit (sl_hash3 ((uint32_t) i % 400, (uint32_t) i / 400, 7));

      sum += u;
      buckets[(int) (u * 16)]++;
    }
  SL_CHECK (fabs (sum / n - 0.5) < 0.005, "mean %g", sum / n);
  for (int b = 0; b < 16; b++)
    SL_CHECK (abs (buckets[b] - n / 16) < n / 160, "bucket %d holds %d", b, buckets[b]);
  SL_CHECK (sl_hash4 (1, 2, 3, 4) == sl_hash4 (1, 2, 3, 4) && sl_hash4 (1, 2, 3, 4) != sl_hash4 (1, 2, 3, 5),
            "hash depends on every argument");
}

static void
test_value_noise_is_continuous (void)
{
  float last = sl_fbm3 (0.0f, 0.3f, 0.7f, 5);

  for (int i = 1; i <= 4000; i++)
    {
      float n = sl_fbm3 ((float) i * 0.001f, 0.3f, 0.7f, 5);

      if (!SL_CHECK (n >= 0.0f && n < 1.0f && fabsf (n - last) < 0.05f, "fbm jumps at %d", i))
        break;
      last = n;
    }
}

static void
test_box_taps (void)
{
  for (uint32_t s = 1; s < 40; s++)
    {
      uint32_t n = s / 2 > 0 ? s / 2 : 1;
      double total = 0.0;

      for (uint32_t i = 0; i < n; i++)
        {
          SlBoxTaps taps = sl_box_taps (i, n, s);
          double sum = 0.0;

          for (int k = 0; k < 3; k++)
            {
              sum += taps.weight[k];
              total += taps.weight[k] * (taps.first + k + 0.5);  /* weighted centre */
              SL_CHECK (taps.weight[k] == 0.0f || taps.first + k < (int32_t) s, "tap beyond the level");
            }
          SL_CHECK (fabs (sum - 1.0) < 1e-6, "weights of %u/%u from %u sum to %g", i, n, s, sum);
        }
      /* The texels' centres average to the level's centre: no shift. */
      SL_CHECK (fabs (total / n - s / 2.0) < 1e-4, "a halving of %u shifts the image", s);
    }
}

static void
test_gauss_weights (void)
{
  float w[301];

  SL_CHECK (sl_gauss_weights (0.0f, w) == 0 && w[0] == 1.0f, "sigma 0 copies");
  for (float sigma = 0.3f; sigma <= 100.0f; sigma *= 1.7f)
    {
      int32_t r = sl_gauss_weights (sigma, w);
      double sum = w[0];

      for (int32_t k = 1; k <= r; k++)
        sum += 2.0 * w[k];
      SL_CHECK (r == (int32_t) ceilf (3 * sigma) && r <= 300, "radius %d for sigma %g", r, sigma);
      SL_CHECK (fabs (sum - 1.0) < 1e-5, "weights sum to %g", sum);
      SL_CHECK (w[r] < w[0], "weights decrease");
    }
}

static void
test_bt709 (void)
{
  SL_CHECK (fabsf (sl_bt709_y (0, 0, 0) - 16.0f) < 1e-4f && fabsf (sl_bt709_y (1, 1, 1) - 235.0f) < 1e-4f,
            "black and white luma");
  SL_CHECK (fabsf (sl_bt709_cb (0.5f, 0.5f, 0.5f) - 128.0f) < 1e-4f
            && fabsf (sl_bt709_cr (0.3f, 0.3f, 0.3f) - 128.0f) < 1e-4f, "grey has no chroma");
  SL_CHECK (fabsf (sl_bt709_cb (0, 0, 1) - 240.0f) < 1e-3f && fabsf (sl_bt709_cr (1, 0, 0) - 240.0f) < 1e-3f
            && fabsf (sl_bt709_cb (1, 1, 0) - 16.0f) < 1e-3f && fabsf (sl_bt709_cr (0, 1, 1) - 16.0f) < 1e-3f,
            "chroma reaches the ends of the limited range");
}

int
main (void)
{
  sl_srgb_tables_init (&tables);
  sl_tap_run ("fast exp2, log2 and pow", test_fast_exp_log);
  sl_tap_run ("clamps send NaN to the low end", test_clamps_take_nan_low);
  sl_tap_run ("sRGB 8-bit round trip is exact", test_srgb_round_trip);
  sl_tap_run ("sRGB 8-bit encoder equals exact rounding", test_srgb_encode8_exact);
  sl_tap_run ("sRGB float encoder is within 1.2e-5", test_srgb_encode_float);
  sl_tap_run ("Bayer dither offsets", test_bayer_is_a_permutation);
  sl_tap_run ("hash is uniform and seeded", test_hash_is_uniform);
  sl_tap_run ("value noise is continuous", test_value_noise_is_continuous);
  sl_tap_run ("box taps of even and odd halvings", test_box_taps);
  sl_tap_run ("Gaussian weights", test_gauss_weights);
  sl_tap_run ("BT.709 limited range", test_bt709);
  return sl_tap_done ();
}
