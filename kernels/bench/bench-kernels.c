/* bench-kernels.c: how long each op takes on a 1080p frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-kernels [BACKEND [THREADS]]     (default: cpu, one thread per core)
 *
 * Prints the median and best time of each op over several runs, and the GB/s
 * of its least memory traffic (every input read and every output written
 * once), to hold against the device's copy bandwidth, which the CUDA backend
 * measures first. A GPU backend is timed over batches of calls, so that the
 * wait for its queue to drain does not count in full for each. Exits with 77
 * (skipped) when BACKEND is built in but cannot run here. On the CPU it
 * also compares the fused float -> I420 conversion with the two-pass path it
 * replaces (TO_RGBA8, then a separate 8-bit RGBA -> I420 pass over the 8-bit
 * frame in place, on as many threads). Measures only; asserts nothing.
 *
 * A GPU backend on a software device (Mesa's lavapipe) is skipped like an
 * absent one, since it measures the CPU again, slowly; BENCH_SOFTWARE=1
 * measures it anyway.
 *
 * BENCH_CPU_TIME=1 measures the process's CPU time instead of wall time (for
 * single-thread runs on a busy machine); BENCH_ONLY=TEXT runs only the timings
 * whose name contains TEXT.
 */
#include "sl-kernels.h"
#include "cpu/sl-cpu-private.h"
#ifdef SL_HAVE_CUDA
#include "cuda/sl-cuda-backend.h"
#endif

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WIDTH  1920
#define HEIGHT 1080

static SlBackend *backend;

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (getenv ("BENCH_CPU_TIME") ? CLOCK_PROCESS_CPUTIME_ID : CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static SlBuffer *
new_buffer (SlFormat format, uint32_t width, uint32_t height, uint32_t levels)
{
  SlBufferDesc desc = { format, width, height, levels };
  SlBuffer *buffer;

  if (sl_buffer_new (backend, &desc, &buffer) != SL_OK)
    {
      fprintf (stderr, "cannot allocate: %s\n", sl_backend_get_error (backend));
      exit (1);
    }
  return buffer;
}

static void
run_op (SlOp op, const void *params, SlBuffer *dst, SlBuffer *src, SlBuffer *aux)
{
  if (sl_backend_run_op (backend, op, params, sl_op_get_params_size (op), &(SlOpBuffers) { dst, src, aux }) != SL_OK)
    {
      fprintf (stderr, "%s: %s\n", sl_op_get_name (op), sl_backend_get_error (backend));
      exit (1);
    }
}

typedef void (*BenchFunc) (void *data);

/* Whether BENCH_ONLY lets the timing NAME run. */
static bool
wanted (const char *name)
{
  const char *only = getenv ("BENCH_ONLY");

  return only == NULL || strstr (name, only) != NULL;
}

static void   call_op    (void *data);
static double op_traffic (const void *call);

/* Calls per timing: one on the CPU, a batch on a GPU (see the top). */
static int
batch_size (void)
{
  return strcmp (sl_backend_get_name (backend), "cpu") == 0 ? 1 : 10;
}

/* Runs FUNC RUNS times (after one warm-up), prints the median and the best
 * and returns the median; 0 when BENCH_ONLY leaves NAME out. */
static double
measure (const char *name, int runs, BenchFunc func, void *data)
{
  double times[64];
  int batch = batch_size ();

  if (!wanted (name))
    return 0.0;
  func (data);
  sl_backend_sync (backend);
  for (int i = 0; i < runs; i++)
    {
      double start = now_ms ();

      for (int j = 0; j < batch; j++)
        func (data);
      sl_backend_sync (backend);
      times[i] = (now_ms () - start) / batch;
    }
  qsort (times, runs, sizeof times[0], compare_doubles);
  printf ("  %-34s %8.2f ms   (best %.2f)", name, times[runs / 2], times[0]);
  if (func == call_op)
    printf ("  %7.1f GB/s", op_traffic (data) / (times[runs / 2] * 1e6));
  printf ("\n");
  return times[runs / 2];
}

typedef struct {
  SlOp        op;
  const void *params;
  SlBuffer   *dst, *src, *aux;
} OpCall;

static void
call_op (void *data)
{
  const OpCall *call = data;

  run_op (call->op, call->params, call->dst, call->src, call->aux);
}

static double
level_bytes (const SlBuffer *buffer, uint32_t level)
{
  return buffer != NULL ? (double) sl_buffer_get_level_size (buffer, level) : 0.0;
}

/* The least memory traffic of CALL (an OpCall), in bytes. Level 0 of each
 * buffer, except for the mips; a card's texture is left out, as only the
 * texels it samples are read. */
static double
op_traffic (const void *data)
{
  const OpCall *call = data;
  double dst = level_bytes (call->dst, 0), src = level_bytes (call->src, 0), aux = level_bytes (call->aux, 0);

  switch (call->op)
    {
    case SL_OP_CLEAR:
    case SL_OP_SKY:
    case SL_OP_BLUR:
    case SL_OP_TO_RGBA8:
    case SL_OP_TO_I420:
    case SL_OP_TO_NV12:
    case SL_OP_SRGB8_TO_TEXTURE:
      return src + dst;
    case SL_OP_DRAW_CARD:
      return 2 * dst + aux;
    case SL_OP_MIP_GENERATE:
      {
        double bytes = 0.0;

        /* Each level from the first rebuilt one on is written once and
         * read once for the next. */
        for (uint32_t l = ((const SlMipGenerateParams *) call->params)->first_level + 1;
             l < sl_buffer_get_desc (call->dst)->levels; l++)
          bytes += level_bytes (call->dst, l - 1) + level_bytes (call->dst, l);
        return bytes;
      }
    default:
      /* In place: dst read and written. */
      return 2 * dst + src + aux;
    }
}

/* memcpy on one thread, best of three: the CPU's copy bandwidth, read and
 * written bytes counted, as the CUDA figure counts them. */
static double
cpu_copy_bandwidth (size_t bytes)
{
  uint8_t *src = malloc (bytes), *dst = malloc (bytes);
  double best = 0.0;

  if (src == NULL || dst == NULL)
    {
      free (src);
      free (dst);
      return 0.0;
    }
  memset (src, 1, bytes);
  memset (dst, 2, bytes);
  for (int run = 0; run < 3; run++)
    {
      struct timespec t0, t1;
      double seconds;

      clock_gettime (CLOCK_MONOTONIC, &t0);
      memcpy (dst, src, bytes);
      clock_gettime (CLOCK_MONOTONIC, &t1);
      seconds = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
      if (seconds > 0 && 2.0 * bytes / seconds / 1e9 > best)
        best = 2.0 * bytes / seconds / 1e9;
    }
  free (src);
  free (dst);
  return best;
}

/* The device the backend runs on, and its copy bandwidth where we can
 * measure it. */
static void
print_device (void)
{
  printf ("device %s\n", sl_backend_get_device_name (backend));
  if (strcmp (sl_backend_get_name (backend), "cpu") == 0)
    printf ("  %-34s %8.1f GB/s (read + written)\n", "copy bandwidth (memcpy, 1 thread, 256 MiB)",
            cpu_copy_bandwidth ((size_t) 256 << 20));
#ifdef SL_HAVE_CUDA
  if (strcmp (sl_backend_get_name (backend), "cuda") == 0)
    {
      size_t bytes = (size_t) 256 << 20;
      double gb_per_s = 0.0;

      if (sl_cuda_backend_measure_copy_bandwidth (backend, bytes, &gb_per_s) == SL_OK)
        printf ("  %-34s %8.0f GB/s (read + written)\n", "copy bandwidth (cudaMemcpy, 256 MiB)", gb_per_s);
      else
        printf ("  copy bandwidth not measured: %s\n", sl_backend_get_error (backend));
    }
#endif
}

/* The second pass of the old path: straight-alpha sRGB RGBA8 -> BT.709
 * limited-range I420, in 8-bit fixed point as libyuv does it. */
typedef struct {
  const uint8_t *rgba;
  uint8_t       *planes;
} Rgba8ToI420;

static void
rgba8_to_i420_rows (void *data, uint32_t begin, uint32_t end)
{
  const Rgba8ToI420 *job = data;
  uint8_t *y_plane = job->planes, *u_plane = y_plane + WIDTH * HEIGHT;
  uint8_t *v_plane = u_plane + (WIDTH / 2) * (HEIGHT / 2);

  for (uint32_t j = begin; j < end; j++)
    for (uint32_t i = 0; i < WIDTH / 2; i++)
      {
        int r = 0, g = 0, b = 0;

        for (uint32_t k = 0; k < 4; k++)
          {
            uint32_t x = 2 * i + (k & 1), y = 2 * j + (k >> 1);
            const uint8_t *p = job->rgba + 4 * (WIDTH * y + x);

            y_plane[WIDTH * y + x] = (uint8_t) ((47 * p[0] + 157 * p[1] + 16 * p[2] + 128 + 4096) >> 8);
            r += p[0];
            g += p[1];
            b += p[2];
          }
        u_plane[(WIDTH / 2) * j + i] = (uint8_t) ((-26 * r - 86 * g + 112 * b + 512 + 131072) >> 10);
        v_plane[(WIDTH / 2) * j + i] = (uint8_t) ((112 * r - 102 * g - 10 * b + 512 + 131072) >> 10);
      }
}

typedef struct {
  SlCpuPool *pool;
  SlBuffer  *frame, *rgba8, *planes;
} TwoPass;

static void
two_pass (void *data)
{
  TwoPass *t = data;
  SlToRgba8Params to8 = { 0 };
  Rgba8ToI420 job = { sl_cpu_buffer_data (t->rgba8), sl_cpu_buffer_data (t->planes) };

  run_op (SL_OP_TO_RGBA8, &to8, t->rgba8, t->frame, NULL);
  sl_cpu_pool_run (t->pool, HEIGHT / 2, rgba8_to_i420_rows, &job);
}

/* The look a shot usually has: exposure, warm white balance, contrast,
 * saturation, vignette and grain; lift, gamma and gain neutral. */
static SlGradeParams
typical_look (void)
{
  return (SlGradeParams) {
    .exposure = 0.3f, .white_balance = { 1.05f, 0, 0, 0, 1, 0, 0, 0, 0.95f },
    .contrast = 1.2f, .pivot = 0.18f, .saturation = 1.1f, .gamma = { 1, 1, 1 }, .gain = { 1, 1, 1 },
    .vignette_amount = 0.3f, .vignette_radius = 0.5f, .vignette_softness = 0.5f,
    .grain_amount = 0.05f, .grain_seed = 1, .frame = 12,
  };
}

static void
fill_test_frame (SlBuffer *frame)
{
  float *pixels = malloc ((size_t) 16 * WIDTH * HEIGHT);

  for (uint32_t y = 0; y < HEIGHT; y++)
    for (uint32_t x = 0; x < WIDTH; x++)
      {
        float *p = pixels + 4 * ((size_t) WIDTH * y + x);

        p[0] = (float) x / WIDTH;
        p[1] = (float) y / HEIGHT;
        p[2] = 0.5f * (float) ((x ^ y) & 255) / 255.0f;
        p[3] = 1.0f;
      }
  sl_backend_upload (backend, frame, 0, pixels, 16 * WIDTH);
  free (pixels);
}

static SlBuffer *
photo_texture (uint32_t w, uint32_t h)
{
  uint8_t *pixels = malloc ((size_t) 4 * w * h);
  uint32_t levels = 1;
  SlBuffer *texture;

  for (uint32_t s = w > h ? w : h; s > 1; s >>= 1)
    levels++;
  for (size_t i = 0; i < (size_t) w * h; i++)
    {
      pixels[4 * i + 0] = (uint8_t) (i * 7);
      pixels[4 * i + 1] = (uint8_t) (i / w);
      pixels[4 * i + 2] = (uint8_t) (i % w);
      pixels[4 * i + 3] = 255;
    }
  texture = new_buffer (SL_FORMAT_RGBA_U16, w, h, levels);
  sl_backend_upload_srgb8 (backend, texture, pixels, (size_t) 4 * w);
  free (pixels);
  return texture;
}

/* A plate layer as the plate cutter makes them: a W x H photo whose alpha is
 * opaque below a wavy line at COVERED of the height from the bottom (all of
 * it for 1), ramping to transparent over 16 texels, and zero above. */
static SlBuffer *
layer_texture (uint32_t w, uint32_t h, double covered)
{
  uint8_t *pixels = malloc ((size_t) 4 * w * h);
  uint32_t levels = 1;
  SlBuffer *texture;

  for (uint32_t s = w > h ? w : h; s > 1; s >>= 1)
    levels++;
  for (uint32_t y = 0; y < h; y++)
    for (uint32_t x = 0; x < w; x++)
      {
        uint8_t *p = pixels + 4 * ((size_t) w * y + x);
        double line = h * (1.0 - covered) + 0.05 * h * sin (x * 0.004 + covered * 7.0);
        double a = covered >= 1.0 ? 1.0 : fmin (fmax ((y - line) / 16.0, 0.0), 1.0);

        p[0] = (uint8_t) (x * 7 + y);
        p[1] = (uint8_t) (y / 3);
        p[2] = (uint8_t) (x / 5);
        p[3] = (uint8_t) lround (255.0 * a);
      }
  texture = new_buffer (SL_FORMAT_RGBA_U16, w, h, levels);
  sl_backend_upload_srgb8 (backend, texture, pixels, (size_t) 4 * w);
  free (pixels);
  return texture;
}

/* A Ken Burns frame of a plate cut into four depth layers: the layers from
 * far to near over the cleared frame, each an affine card a little larger
 * than the last (parallax), then the look and the encoder's input. */
typedef struct {
  SlBuffer         *frame, *planes, *layers[4];
  SlDrawCardParams  cards[4];
  SlGradeParams     grade;
  SlToI420Params    i420;
} KenBurns;

static void
ken_burns_frame (void *data)
{
  KenBurns *k = data;
  SlClearParams clear = { { 0, 0, 0, 1 } };

  run_op (SL_OP_CLEAR, &clear, k->frame, NULL, NULL);
  for (int i = 0; i < 4; i++)
    run_op (SL_OP_DRAW_CARD, &k->cards[i], k->frame, k->layers[i], NULL);
  run_op (SL_OP_GRADE, &k->grade, k->frame, NULL, NULL);
  run_op (SL_OP_TO_I420, &k->i420, k->planes, k->frame, NULL);
}

typedef struct {
  SlBuffer *texture;
  uint8_t  *pixels;
  uint32_t  width;
} Srgb8Upload;

static void
upload_srgb8 (void *data)
{
  Srgb8Upload *u = data;

  sl_backend_upload_srgb8 (backend, u->texture, u->pixels, (size_t) 4 * u->width);
}

int
main (int argc, char **argv)
{
  const char *name = argc > 1 ? argv[1] : "cpu";
  SlBackendOptions options = {
    .n_threads = argc > 2 ? (uint32_t) atoi (argv[2]) : 0,
    .hardware_only = getenv ("BENCH_SOFTWARE") == NULL,
  };
  char reason[512];
  SlBuffer *frame, *frame2, *rgba8, *planes, *photo, *depth, *particles;
  bool on_cpu;

  backend = sl_backend_open (name, &options, reason, sizeof reason);
  if (backend == NULL)
    {
      fprintf (stderr, "cannot open backend %s: %s\n", name, reason);
      return sl_backend_registry_find (name) != NULL ? 77 : 1;
    }
  on_cpu = strcmp (sl_backend_get_name (backend), "cpu") == 0;
  printf ("backend %s, %ux%u", sl_backend_get_name (backend), WIDTH, HEIGHT);
  if (on_cpu)
    printf (", %u threads", sl_cpu_backend_get_n_threads (backend));
  printf ("\n");
  print_device ();

  frame = new_buffer (SL_FORMAT_RGBA_F32, WIDTH, HEIGHT, 1);
  frame2 = new_buffer (SL_FORMAT_RGBA_F32, WIDTH, HEIGHT, 1);
  rgba8 = new_buffer (SL_FORMAT_RGBA_U8, WIDTH, HEIGHT, 1);
  planes = new_buffer (SL_FORMAT_R_U8, WIDTH, HEIGHT * 3 / 2, 1);
  depth = new_buffer (SL_FORMAT_R_F32, WIDTH, HEIGHT, 1);
  fill_test_frame (frame);
  fill_test_frame (frame2);

  {
    SlToI420Params i420 = { 0, WIDTH, WIDTH * HEIGHT, WIDTH / 2, WIDTH * HEIGHT + WIDTH * HEIGHT / 4, WIDTH / 2 };
    SlToNv12Params nv12 = { 0, WIDTH, WIDTH * HEIGHT, WIDTH };
    SlToRgba8Params to8 = { 0 }, to8_dither = { 1 };
    OpCall call_i420 = { SL_OP_TO_I420, &i420, planes, frame };
    double fused;

    printf ("encoder input:\n");
    fused = measure ("to-i420 (fused)", 15, call_op, &call_i420);
    if (on_cpu)
      {
        TwoPass two = { sl_cpu_pool_new (sl_cpu_backend_get_n_threads (backend)), frame, rgba8, planes };
        double separate = measure ("to-rgba8, then rgba8 -> i420", 15, two_pass, &two);

        if (fused > 0.0 && separate > 0.0)
          printf ("  the fused pass takes %.0f %% of the two-pass time\n", 100.0 * fused / separate);
        sl_cpu_pool_free (two.pool);
      }
    measure ("to-nv12 (fused)", 15, call_op, &(OpCall) { SL_OP_TO_NV12, &nv12, planes, frame });
    measure ("to-rgba8", 15, call_op, &(OpCall) { SL_OP_TO_RGBA8, &to8, rgba8, frame });
    measure ("to-rgba8 dithered", 15, call_op, &(OpCall) { SL_OP_TO_RGBA8, &to8_dither, rgba8, frame });
  }

  printf ("frame ops:\n");
  {
    SlClearParams clear = { { 0.1f, 0.2f, 0.3f, 1.0f } };
    SlAccumulateParams accumulate = { 0.25f };
    SlScaleParams scale = { { 1.0f, 1.0f, 1.0f, 1.0f } };
    SlBlurParams blur = { 4.0f };
    SlBloomParams bloom = { 0.8f, 0.2f, 0.5f, 6 };
    SlGradeParams grade = {
      .exposure = 0.3f, .white_balance = { 1.05f, 0, 0, 0, 1, 0, 0, 0, 0.95f },
      .contrast = 1.2f, .pivot = 0.18f, .saturation = 1.1f, .lift = { 0.01f, 0, 0 },
      .gamma = { 1.1f, 1.0f, 0.95f }, .gain = { 1, 1, 1 }, .vignette_amount = 0.3f,
      .vignette_radius = 0.5f, .vignette_softness = 0.5f, .grain_amount = 0.05f, .grain_seed = 1,
    };
    SlGradeParams look = typical_look ();
    SlSkyParams sky = {
      .ray_matrix = { 1.0f / 1500, 0, -960.0f / 1500, 0, -1.0f / 1500, 540.0f / 1500 + 0.3f, 0, 0, -1 },
      .zenith = { 0.05f, 0.1f, 0.4f }, .horizon = { 0.6f, 0.5f, 0.4f }, .sun_dir = { 0, 0.2f, -0.98f },
      .sun_color = { 20, 18, 15 }, .sun_radius = 0.01f, .sun_glow = 1.0f, .star_amount = 0.5f, .seed = 3,
      .cloud_color = { 0.8f, 0.8f, 0.85f }, .cloud_amount = 0.7f, .cloud_scale = 8.0f, .cloud_top = 0.6f,
    };
    SlSkyParams sky_plain = sky;
    SlParticlesParams particle_params = { 5000, 1.0f };
    float *records = malloc (sizeof (float) * SL_PARTICLE_FLOATS * 5000);

    sky_plain.star_amount = 0.0f;
    sky_plain.cloud_amount = 0.0f;
    for (uint32_t i = 0; i < 5000; i++)
      {
        float *r = records + SL_PARTICLE_FLOATS * i;

        r[0] = (float) ((i * 7919) % WIDTH);
        r[1] = (float) ((i * 104729) % HEIGHT);
        r[2] = 1.0f + (float) (i % 5);
        r[3] = 0.8f;
        r[4] = r[5] = r[6] = 1.0f;
        r[7] = 0.5f;
      }
    particles = new_buffer (SL_FORMAT_R_F32, SL_PARTICLE_FLOATS, 5000, 1);
    sl_backend_upload (backend, particles, 0, records, sizeof (float) * SL_PARTICLE_FLOATS);
    free (records);

    measure ("clear", 15, call_op, &(OpCall) { SL_OP_CLEAR, &clear, frame2 });
    measure ("accumulate", 15, call_op, &(OpCall) { SL_OP_ACCUMULATE, &accumulate, frame2, frame });
    measure ("scale", 15, call_op, &(OpCall) { SL_OP_SCALE, &scale, frame2 });
    measure ("sky (gradient and sun)", 9, call_op, &(OpCall) { SL_OP_SKY, &sky_plain, frame2 });
    measure ("sky (with stars and clouds)", 9, call_op, &(OpCall) { SL_OP_SKY, &sky, frame2 });
    measure ("particles (5000, radius 1-5)", 9, call_op, &(OpCall) { SL_OP_PARTICLES, &particle_params, frame2, particles });
    measure ("grade (every step)", 9, call_op, &(OpCall) { SL_OP_GRADE, &grade, frame2 });
    measure ("grade (typical look)", 9, call_op, &(OpCall) { SL_OP_GRADE, &look, frame2 });
    measure ("bloom (6 levels)", 9, call_op, &(OpCall) { SL_OP_BLOOM, &bloom, frame2 });
    measure ("blur (sigma 4)", 9, call_op, &(OpCall) { SL_OP_BLUR, &blur, frame2, frame });
    sl_buffer_free (particles);
  }

  printf ("cards and textures:\n");
  {
    /* A 3000x2000 photo filling the frame slightly rotated in perspective, and
     * a small card of it. */
    const float full[9] = { 1.5f, 0.05f, 20.0f, -0.04f, 1.5f, 30.0f, 0.00002f, 0.00001f, 1.0f };
    const float small[9] = { 8.0f, 0.0f, -4000.0f, 0.0f, 8.0f, -2000.0f, 0.0f, 0.0f, 1.0f };
    SlDrawCardParams card = { .tint = { 1, 1, 1 }, .opacity = 1, .depth_scale = 1 };
    SlMipGenerateParams mips = { 0 };
    Srgb8Upload upload = { 0 };

    photo = photo_texture (3000, 2000);
    memcpy (card.homography, full, sizeof full);
    measure ("draw-card (full frame, perspective)", 9, call_op, &(OpCall) { SL_OP_DRAW_CARD, &card, frame2, photo, depth });
    card.lod_bias = 2.5f;
    measure ("draw-card (full frame, blurred)", 9, call_op, &(OpCall) { SL_OP_DRAW_CARD, &card, frame2, photo, NULL });
    memcpy (card.homography, small, sizeof small);
    card.lod_bias = 0.0f;
    measure ("draw-card (small card)", 15, call_op, &(OpCall) { SL_OP_DRAW_CARD, &card, frame2, photo, NULL });
    measure ("mip-generate (3000x2000)", 9, call_op, &(OpCall) { SL_OP_MIP_GENERATE, &mips, photo });
    {
      /* 1.5x magnified: level 0 alone. */
      const float zoom[9] = { 1.0f / 1.5f, 0.0f, 700.0f, 0.0f, 1.0f / 1.5f, 500.0f, 0.0f, 0.0f, 1.0f };

      memcpy (card.homography, zoom, sizeof zoom);
      measure ("draw-card (affine, 1.5x zoom)", 9, call_op,
               &(OpCall) { SL_OP_DRAW_CARD, &card, frame2, photo, NULL });
    }

    upload.width = 3000;
    upload.texture = photo;
    upload.pixels = calloc ((size_t) 4 * 3000, 2000);
    measure ("upload sRGB8 + mips (3000x2000)", 5, upload_srgb8, &upload);
    free (upload.pixels);

    sl_buffer_free (photo);

    /* A 4000x3000 photo filling the frame's width, as a parallel card:
     * minified 2.08 times, trilinear between levels 1 and 2; then turned by
     * two degrees, as a camera's roll does. */
    if (wanted ("draw-card (affine, 4000x3000 photo)") || wanted ("draw-card (affine, rolled 2 degrees)"))
      {
        const float s = 4000.0f / WIDTH, c = cosf (0.035f) * s, n = sinf (0.035f) * s;
        const float fit[9] = { s, 0.0f, 0.0f, 0.0f, s, 375.0f, 0.0f, 0.0f, 1.0f };
        const float roll[9] = { c, -n, 60.0f, n, c, 330.0f, 0.0f, 0.0f, 1.0f };

        photo = photo_texture (4000, 3000);
        memcpy (card.homography, fit, sizeof fit);
        measure ("draw-card (affine, 4000x3000 photo)", 9, call_op,
                 &(OpCall) { SL_OP_DRAW_CARD, &card, frame2, photo, NULL });
        memcpy (card.homography, roll, sizeof roll);
        measure ("draw-card (affine, rolled 2 degrees)", 9, call_op,
                 &(OpCall) { SL_OP_DRAW_CARD, &card, frame2, photo, NULL });
        sl_buffer_free (photo);
      }
  }

  printf ("a whole frame:\n");
  if (wanted ("ken burns frame (4 layers, look, i420)"))
    {
      KenBurns k = {
        .frame = frame2, .planes = planes, .grade = typical_look (),
        .i420 = { 0, WIDTH, WIDTH * HEIGHT, WIDTH / 2, WIDTH * HEIGHT + WIDTH * HEIGHT / 4, WIDTH / 2 },
      };

      for (int i = 0; i < 4; i++)
        {
          /* Far to near: nearer layers cover less of the plate and move more. */
          float s = 4000.0f / WIDTH * (1.0f - 0.04f * (float) i);
          const float h[9] = { s, 0.0f, 10.0f + 25.0f * i, 0.0f, s, 380.0f + 15.0f * i, 0.0f, 0.0f, 1.0f };

          k.layers[i] = layer_texture (4000, 3000, 1.0 - 0.25 * i);
          k.cards[i] = (SlDrawCardParams) { .tint = { 1, 1, 1 }, .opacity = 1, .depth_scale = 1 };
          memcpy (k.cards[i].homography, h, sizeof h);
        }
      measure ("ken burns frame (4 layers, look, i420)", 9, ken_burns_frame, &k);
      for (int i = 0; i < 4; i++)
        sl_buffer_free (k.layers[i]);
    }

  sl_buffer_free (frame);
  sl_buffer_free (frame2);
  sl_buffer_free (rgba8);
  sl_buffer_free (planes);
  sl_buffer_free (depth);
  sl_backend_free (backend);
  return 0;
}
