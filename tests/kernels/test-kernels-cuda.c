/* test-kernels-cuda.c: what is particular to the CUDA backend
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The equivalence test compares every op alone with the CPU on small random
 * frames; this one covers what it cannot: the reasons given where CUDA cannot
 * run (on machines without a GPU), and on a GPU a whole frame of chained ops
 * at full size with no sync in between (many blocks, odd sizes, transfers
 * larger than the staging buffers), which must match the CPU bit for bit;
 * strided transfers of levels; an instance used from another thread, and two
 * instances at once; buffers freed while work that uses them is queued; and
 * running out of device memory. Skips where the backend is not built in.
 */
#include "sl-kernels-harness.h"
#include "sl-tap.h"
#include "cpu/sl-cpu-backend.h"
#ifdef SL_HAVE_CUDA
#include "cuda/sl-cuda-backend.h"
#endif

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#ifdef SL_HAVE_CUDA

/* Odd, so that the last 2x2 blocks and tiles are partial; more rows than
 * one staging buffer holds. */
#define FW 1917
#define FH 1079
#define N_PARTICLES 3000

static SlBackend *cuda;       /* NULL where CUDA cannot run */
static char cuda_reason[256];

static SlBuffer *
new_buffer (SlBackend *backend, SlFormat format, uint32_t width, uint32_t height, uint32_t levels)
{
  SlBufferDesc desc = { format, width, height, levels };
  SlBuffer *buffer = NULL;

  if (sl_buffer_new (backend, &desc, &buffer) != SL_OK)
    {
      printf ("Bail out! cannot allocate on %s: %s\n", sl_backend_get_name (backend), sl_backend_get_error (backend));
      exit (1);
    }
  return buffer;
}

static bool
run (SlBackend *backend, SlOp op, const void *params, SlBuffer *dst, SlBuffer *src, SlBuffer *aux)
{
  SlStatus status = sl_backend_run_op (backend, op, params, sl_op_get_params_size (op),
                                       &(SlOpBuffers) { dst, src, aux });

  return SL_CHECK (status == SL_OK, "%s on %s: %s", sl_op_get_name (op), sl_backend_get_name (backend),
                   sl_backend_get_error (backend));
}

/* A new buffer of random bytes, or for R_F32 of random depths. */
static SlBuffer *
random_buffer (SlBackend *backend, SlRng *rng, SlFormat format, uint32_t width, uint32_t height)
{
  SlBuffer *buffer = new_buffer (backend, format, width, height, 1);
  SlHostImage *image = sl_host_image_new (sl_buffer_get_desc (buffer));

  for (size_t i = 0; i < image->size; i++)
    image->data[i] = (uint8_t) sl_rng_u32 (rng);
  if (format == SL_FORMAT_R_F32)
    for (size_t i = 0; i < image->size / sizeof (float); i++)
      ((float *) image->data)[i] = sl_rng_uniform (rng, 0.0f, 100.0f);
  SL_CHECK (sl_host_image_upload (backend, buffer, image) == SL_OK, "upload: %s", sl_backend_get_error (backend));
  sl_host_image_free (image);
  return buffer;
}

/* The buffers of one frame, on one backend. */
typedef struct {
  SlBuffer *frame, *blurred, *depth, *texture, *particles, *rgba8, *planes;
} Scene;

static void
scene_init (SlBackend *backend, Scene *s)
{
  SlRng rng;
  uint8_t *photo = malloc ((size_t) 4 * 1001 * 701);
  float *records = malloc (sizeof (float) * SL_PARTICLE_FLOATS * N_PARTICLES);

  sl_rng_init (&rng, 2024);
  for (size_t i = 0; i < (size_t) 4 * 1001 * 701; i++)
    photo[i] = (uint8_t) sl_rng_u32 (&rng);
  for (int i = 0; i < N_PARTICLES; i++)
    {
      float *r = records + SL_PARTICLE_FLOATS * i;

      r[0] = sl_rng_uniform (&rng, -10.0f, FW + 10.0f);
      r[1] = sl_rng_uniform (&rng, -10.0f, FH + 10.0f);
      r[2] = sl_rng_range (&rng, 0, 4) == 0 ? sl_rng_uniform (&rng, 0.0f, 0.5f) : sl_rng_uniform (&rng, 0.5f, 40.0f);
      r[3] = sl_rng_uniform (&rng, 0.0f, 1.0f);
      r[4] = sl_rng_uniform (&rng, 0.0f, 2.0f);
      r[5] = sl_rng_uniform (&rng, 0.0f, 2.0f);
      r[6] = sl_rng_uniform (&rng, 0.0f, 2.0f);
      r[7] = sl_rng_uniform (&rng, 0.0f, 1.0f);
    }

  s->frame = new_buffer (backend, SL_FORMAT_RGBA_F32, FW, FH, 1);
  s->blurred = new_buffer (backend, SL_FORMAT_RGBA_F32, FW, FH, 1);
  s->depth = random_buffer (backend, &rng, SL_FORMAT_R_F32, FW, FH);
  s->rgba8 = new_buffer (backend, SL_FORMAT_RGBA_U8, FW, FH, 1);
  /* I420, then NV12 after it; the bytes between and after stay as drawn. */
  s->planes = random_buffer (backend, &rng, SL_FORMAT_R_U8, FW, 4 * FH);
  /* 1001 x 701: odd levels below the first, so mips take the weighted path. */
  s->texture = new_buffer (backend, SL_FORMAT_RGBA_U16, 1001, 701, 10);
  SL_CHECK (sl_backend_upload_srgb8 (backend, s->texture, photo, (size_t) 4 * 1001) == SL_OK,
            "texture upload: %s", sl_backend_get_error (backend));
  s->particles = new_buffer (backend, SL_FORMAT_R_F32, SL_PARTICLE_FLOATS, N_PARTICLES, 1);
  SL_CHECK (sl_backend_upload (backend, s->particles, 0, records, sizeof (float) * SL_PARTICLE_FLOATS) == SL_OK,
            "particle upload: %s", sl_backend_get_error (backend));
  free (photo);
  free (records);
}

static void
scene_free (Scene *s)
{
  sl_buffer_free (s->frame);
  sl_buffer_free (s->blurred);
  sl_buffer_free (s->depth);
  sl_buffer_free (s->texture);
  sl_buffer_free (s->particles);
  sl_buffer_free (s->rgba8);
  sl_buffer_free (s->planes);
}

/* Every op once, queued behind the last, the way the engine renders. */
static void
scene_render (SlBackend *backend, Scene *s)
{
  const uint32_t cw = (FW + 1) / 2, ch = (FH + 1) / 2, i420_size = FW * FH + 2 * cw * ch;
  SlClearParams clear = { { 0.1f, 0.0f, 0.2f, 0.5f } };
  SlSkyParams sky = {
    .ray_matrix = { 1.0f / 1500, 0, -958.5f / 1500, 0, -1.0f / 1500, 539.5f / 1500 + 0.25f, 0, 0, -1 },
    .zenith = { 0.05f, 0.1f, 0.4f }, .horizon = { 0.6f, 0.5f, 0.4f }, .sun_dir = { 0.1f, 0.2f, -0.97468f },
    .sun_color = { 20, 18, 15 }, .sun_radius = 0.02f, .sun_glow = 1.0f, .star_amount = 0.6f, .seed = 11,
    .cloud_color = { 0.8f, 0.8f, 0.85f }, .cloud_amount = 0.7f, .cloud_scale = 8.0f, .cloud_top = 0.6f,
  };
  /* Minified and turned (trilinear through the mips), then in perspective
   * reaching past the frame. */
  SlDrawCardParams turned = {
    .homography = { 0.6f, -0.25f, 40.0f, 0.25f, 0.6f, -80.0f, 0.0f, 0.0f, 1.0f },
    .tint = { 1.1f, 1.0f, 0.9f }, .opacity = 0.9f, .fog_color = { 0.5f, 0.6f, 0.7f }, .fog_amount = 0.2f,
    .lod_bias = 0.3f, .depth_scale = 1.0f,
  };
  SlDrawCardParams perspective = {
    .homography = { 0.5f, 0.05f, -30.0f, -0.02f, 0.55f, 10.0f, 0.0003f, -0.0002f, 1.0f },
    .tint = { 1.0f, 1.0f, 1.0f }, .opacity = 1.0f, .lod_bias = -0.5f, .depth_scale = 3.0f,
  };
  SlParticlesParams particles = { N_PARTICLES, 0.8f };
  SlGradeParams grade = {
    .exposure = 0.3f, .white_balance = { 1.05f, 0.02f, 0, 0, 1, 0, 0, 0.01f, 0.95f }, .contrast = 1.2f,
    .pivot = 0.18f, .saturation = 1.1f, .lift = { 0.01f, 0, 0 }, .gamma = { 1.1f, 1.0f, 0.95f },
    .gain = { 1, 1, 1 }, .vignette_amount = 0.3f, .vignette_radius = 0.5f, .vignette_softness = 0.5f,
    .grain_amount = 0.05f, .grain_seed = 3, .frame = 12,
  };
  SlBloomParams bloom = { 0.8f, 0.2f, 0.5f, 6 };
  SlBlurParams blur = { 3.5f };
  SlAccumulateParams accumulate = { 0.3f };
  SlScaleParams scale = { { 0.9f, 1.0f, 1.1f, 1.0f } };
  SlToRgba8Params dither = { 1 };
  SlToI420Params i420 = { 0, FW, FW * FH, cw, FW * FH + cw * ch, cw };
  SlToNv12Params nv12 = { i420_size + 5, FW + 3, i420_size + 5 + (FW + 3) * FH, 2 * cw + 1 };

  run (backend, SL_OP_CLEAR, &clear, s->frame, NULL, NULL);
  run (backend, SL_OP_SKY, &sky, s->frame, NULL, NULL);
  run (backend, SL_OP_DRAW_CARD, &turned, s->frame, s->texture, s->depth);
  run (backend, SL_OP_DRAW_CARD, &perspective, s->frame, s->texture, s->depth);
  run (backend, SL_OP_PARTICLES, &particles, s->frame, s->particles, NULL);
  run (backend, SL_OP_GRADE, &grade, s->frame, NULL, NULL);
  run (backend, SL_OP_BLOOM, &bloom, s->frame, NULL, NULL);
  run (backend, SL_OP_BLUR, &blur, s->blurred, s->frame, NULL);
  run (backend, SL_OP_ACCUMULATE, &accumulate, s->frame, s->blurred, NULL);
  run (backend, SL_OP_SCALE, &scale, s->frame, NULL, NULL);
  run (backend, SL_OP_TO_RGBA8, &dither, s->rgba8, s->frame, NULL);
  run (backend, SL_OP_TO_I420, &i420, s->planes, s->frame, NULL);
  run (backend, SL_OP_TO_NV12, &nv12, s->planes, s->frame, NULL);
}

/* The CPU's frame, downloaded once: frame, blurred, depth, rgba8, planes,
 * texture. */
#define N_OUTPUTS 6
static SlHostImage *expected[N_OUTPUTS];

static void
scene_outputs (const Scene *s, const SlBuffer *out[N_OUTPUTS])
{
  out[0] = s->frame;
  out[1] = s->blurred;
  out[2] = s->depth;
  out[3] = s->rgba8;
  out[4] = s->planes;
  out[5] = s->texture;
}

/* Whether the frame BACKEND rendered into S equals the CPU's, byte for
 * byte, and its buffers' guard bands are intact. */
static void
check_scene (SlBackend *backend, const Scene *s)
{
  static const char *const names[N_OUTPUTS] = { "frame", "blurred", "depth", "rgba8", "planes", "texture" };
  const SlBuffer *out[N_OUTPUTS];

  scene_outputs (s, out);
  for (int i = 0; i < N_OUTPUTS; i++)
    {
      SlHostImage *got = sl_host_image_download (backend, out[i]);
      SlHarnessDiff diff;

      if (!SL_CHECK (got != NULL, "download of the %s: %s", names[i], sl_backend_get_error (backend)))
        continue;
      diff = sl_harness_compare (expected[i], got);
      SL_CHECK (diff.identical, "the %s differs from the cpu's: largest error %g (max abs %g)",
                names[i], diff.normalised, diff.max_abs);
      SL_CHECK (sl_host_image_count_nonfinite (got) == 0, "the %s has NaN or infinity", names[i]);
      SL_CHECK (sl_cuda_buffer_guards_intact (out[i]), "a kernel wrote outside the %s", names[i]);
      sl_host_image_free (got);
    }
}

static void
render_reference (void)
{
  char reason[256] = "";
  SlBackend *cpu = sl_backend_new (&sl_cpu_backend_iface, NULL, reason, sizeof reason);
  const SlBuffer *out[N_OUTPUTS];
  Scene s;

  if (cpu == NULL)
    {
      printf ("Bail out! no cpu backend: %s\n", reason);
      exit (1);
    }
  scene_init (cpu, &s);
  scene_render (cpu, &s);
  scene_outputs (&s, out);
  for (int i = 0; i < N_OUTPUTS; i++)
    expected[i] = sl_host_image_download (cpu, out[i]);
  scene_free (&s);
  sl_backend_free (cpu);
}

static void
test_frame (void)
{
  Scene s;

  scene_init (cuda, &s);
  scene_render (cuda, &s);
  check_scene (cuda, &s);
  scene_free (&s);
}

/* Levels of a texture, and a frame larger than the staging buffers, through
 * rows with padding: the data arrives, the padding is never written. */
static void
test_strided_transfers (void)
{
  static const struct { SlFormat format; uint32_t width, height, levels, level; } cases[] = {
    { SL_FORMAT_RGBA_F32, 3001, 1200, 1, 0 },
    { SL_FORMAT_RGBA_U16, 301, 203, 9, 3 },
    { SL_FORMAT_R_U8, 16384, 700, 1, 0 },
  };

  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
    {
      SlBuffer *buffer = new_buffer (cuda, cases[c].format, cases[c].width, cases[c].height, cases[c].levels);
      size_t row = sl_buffer_get_row_size (buffer, cases[c].level);
      size_t rows = sl_level_size (cases[c].height, cases[c].level);
      size_t in_stride = row + 24, out_stride = row + 40;
      uint8_t *in = malloc (in_stride * rows), *out = malloc (out_stride * rows);
      bool same = true, padding = true;
      SlRng rng;

      sl_rng_init (&rng, c);
      for (size_t i = 0; i < in_stride * rows; i++)
        in[i] = (uint8_t) sl_rng_u32 (&rng);
      memset (out, 0x77, out_stride * rows);
      SL_CHECK (sl_backend_upload (cuda, buffer, cases[c].level, in, in_stride) == SL_OK
                && sl_backend_download (cuda, buffer, cases[c].level, out, out_stride) == SL_OK,
                "transfer %zu: %s", c, sl_backend_get_error (cuda));
      for (size_t y = 0; y < rows; y++)
        {
          same = same && memcmp (in + y * in_stride, out + y * out_stride, row) == 0;
          for (size_t i = row; i < out_stride; i++)
            padding = padding && out[y * out_stride + i] == 0x77;
        }
      SL_CHECK (same, "transfer %zu: the rows came back changed", c);
      SL_CHECK (padding, "transfer %zu: download wrote into the padding", c);
      SL_CHECK (sl_cuda_buffer_guards_intact (buffer), "transfer %zu wrote outside the buffer", c);
      free (in);
      free (out);
      sl_buffer_free (buffer);
    }
}

typedef struct {
  SlBackend *backend;
  Scene     *scene;
  bool       own_scene;  /* build it, render it, check it and free it */
} Job;

static void *
render_job (void *data)
{
  Job *job = data;
  Scene s;

  if (!job->own_scene)
    {
      scene_render (job->backend, job->scene);
      return NULL;
    }
  scene_init (job->backend, &s);
  scene_render (job->backend, &s);
  check_scene (job->backend, &s);
  scene_free (&s);
  return NULL;
}

/* An instance moves between threads (one at a time): built here, rendered
 * on another thread, read back here. */
static void
test_other_thread (void)
{
  Scene s;
  Job job = { cuda, &s, false };
  pthread_t thread;

  scene_init (cuda, &s);
  SL_CHECK (pthread_create (&thread, NULL, render_job, &job) == 0, "cannot start a thread");
  pthread_join (thread, NULL);
  check_scene (cuda, &s);
  scene_free (&s);
}

/* Two instances, each on its own thread, at the same time. */
static void
test_two_instances (void)
{
  SlBackend *backends[2];
  pthread_t threads[2];
  Job jobs[2];

  for (int i = 0; i < 2; i++)
    {
      char reason[256] = "";

      backends[i] = sl_backend_new (&sl_cuda_backend_iface, NULL, reason, sizeof reason);
      if (!SL_CHECK (backends[i] != NULL, "a second instance: %s", reason))
        return;
      jobs[i] = (Job) { backends[i], NULL, true };
    }
  for (int i = 0; i < 2; i++)
    SL_CHECK (pthread_create (&threads[i], NULL, render_job, &jobs[i]) == 0, "cannot start a thread");
  for (int i = 0; i < 2; i++)
    {
      pthread_join (threads[i], NULL);
      sl_backend_free (backends[i]);
    }
}

/* Freeing waits for the queued work that reads or writes the buffer. */
static void
test_free_while_queued (void)
{
  SlBlurParams blur = { 60.0f };
  SlClearParams clear = { { 0.25f, 0.5f, 0.75f, 1.0f } };
  SlBuffer *src = new_buffer (cuda, SL_FORMAT_RGBA_F32, FW, FH, 1);
  SlBuffer *dst = new_buffer (cuda, SL_FORMAT_RGBA_F32, FW, FH, 1);
  float *pixels = malloc ((size_t) 16 * FW * FH);
  size_t wrong = 0;

  run (cuda, SL_OP_CLEAR, &clear, src, NULL, NULL);
  run (cuda, SL_OP_BLUR, &blur, dst, src, NULL);
  sl_buffer_free (src);
  SL_CHECK (sl_backend_sync (cuda) == SL_OK, "sync: %s", sl_backend_get_error (cuda));
  SL_CHECK (sl_backend_download (cuda, dst, 0, pixels, (size_t) 16 * FW) == SL_OK, "download: %s",
            sl_backend_get_error (cuda));
  /* A blur of a flat colour is that colour, up to the rounding of the sum
   * of the weights. */
  for (size_t i = 0; i < (size_t) 4 * FW * FH; i++)
    wrong += !(pixels[i] > clear.color[i % 4] * 0.999f && pixels[i] < clear.color[i % 4] * 1.001f);
  SL_CHECK (wrong == 0, "%zu channels are not the flat colour after the blur", wrong);
  free (pixels);
  sl_buffer_free (dst);
}

/* A failed allocation is reported as out of memory with CUDA's words, and
 * the instance goes on working. */
static void
test_out_of_memory (void)
{
  SlClearParams clear = { { 1.0f, 2.0f, 3.0f, 4.0f } };
  SlBuffer *small = new_buffer (cuda, SL_FORMAT_RGBA_F32, 3, 2, 1);
  double gb_per_s = 0.0;
  float pixels[3 * 2][4] = { { 0 } };
  SlStatus status = sl_cuda_backend_measure_copy_bandwidth (cuda, (size_t) 1 << 52, &gb_per_s);

  SL_CHECK (status == SL_ERROR_OUT_OF_MEMORY, "allocating 4 PiB gave %s", sl_status_to_string (status));
  SL_CHECK (strstr (sl_backend_get_error (cuda), "cudaErrorMemoryAllocation") != NULL,
            "the error does not say what failed: '%s'", sl_backend_get_error (cuda));
  run (cuda, SL_OP_CLEAR, &clear, small, NULL, NULL);
  SL_CHECK (sl_backend_download (cuda, small, 0, pixels, sizeof pixels[0] * 3) == SL_OK
            && memcmp (pixels[5], clear.color, sizeof pixels[5]) == 0,
            "the instance stopped working: %s", sl_backend_get_error (cuda));
  sl_buffer_free (small);

  status = sl_cuda_backend_measure_copy_bandwidth (cuda, (size_t) 64 << 20, &gb_per_s);
  SL_CHECK (status == SL_OK && gb_per_s > 0.0, "copy bandwidth: %s", sl_backend_get_error (cuda));
  printf ("# %s: copy bandwidth %.0f GB/s\n", sl_cuda_backend_get_device_name (cuda), gb_per_s);
}

/* Where CUDA cannot run: opening it directly, by name and through `auto`
 * all say why, in the same words. */
static void
test_probe_reasons (void)
{
  char reason[512] = "";
  SlBackend *fallback;

  SL_CHECK (cuda_reason[0] != '\0', "probe gave no reason");
  SL_CHECK (sl_backend_open ("cuda", NULL, reason, sizeof reason) == NULL, "cuda opened after it was refused");
  SL_CHECK (strncmp (reason, "cuda: ", 6) == 0 && strcmp (reason + 6, cuda_reason) == 0,
            "opening by name says '%s'", reason);
  fallback = sl_backend_open ("auto", NULL, reason, sizeof reason);
  SL_CHECK (fallback != NULL && strcmp (sl_backend_get_name (fallback), "cuda") != 0,
            "auto did not fall back: %s", reason);
  SL_CHECK (strstr (reason, cuda_reason) != NULL, "auto does not say why it passed cuda over: '%s'", reason);
  sl_backend_free (fallback);
}

int
main (void)
{
  cuda = sl_backend_new (&sl_cuda_backend_iface, NULL, cuda_reason, sizeof cuda_reason);
  if (cuda == NULL)
    {
      printf ("# cuda cannot run here: %s\n", cuda_reason);
      sl_tap_run ("probe says why cuda cannot run", test_probe_reasons);
      return sl_tap_done ();
    }
  printf ("# cuda device: %s\n", sl_cuda_backend_get_device_name (cuda));
  render_reference ();
  sl_tap_run ("a frame of chained ops matches the cpu bit for bit", test_frame);
  sl_tap_run ("strided transfers of levels and large frames", test_strided_transfers);
  sl_tap_run ("an instance used from another thread", test_other_thread);
  sl_tap_run ("two instances on two threads at once", test_two_instances);
  sl_tap_run ("buffers may be freed while work is queued", test_free_while_queued);
  sl_tap_run ("running out of device memory is reported and passes", test_out_of_memory);
  sl_backend_free (cuda);
  for (int i = 0; i < N_OUTPUTS; i++)
    sl_host_image_free (expected[i]);
  return sl_tap_done ();
}

#else

int
main (void)
{
  printf ("1..0 # SKIP the CUDA backend is not built in\n");
  return 0;
}

#endif
