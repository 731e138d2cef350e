/* sl-thumbnailer.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "sl-thumbnailer"

#include "config.h"

#include <math.h>

#include "sl-thumbnailer.h"

/* About 30 MB of 160 × 90 pictures: the shot list's and a zoomed timeline's. */
#define MAX_ENTRIES 1024
/* Requests beyond this are the oldest ones, of views scrolled or zoomed
 * away since: they are dropped, a view still showing them asks again. */
#define MAX_PENDING 256
#define BACKEND "cpu"

typedef struct {
  SlShot *shot;
  gint64  time;
  int     height;
} Key;

typedef struct {
  Key         key;          /* holds a reference on key.shot */
  GdkTexture *texture;
  gboolean    stale;        /* the shot changed since texture was rendered */
  gboolean    failed;       /* the last try failed: not retried until a change */
  guint       generation;   /* bumped by every change of the shot */
  GList       lru_link;     /* in SlThumbnailer.lru, least recently used first */
  GList       pending_link; /* in SlThumbnailer.pending while queued */
  gboolean    queued;
} Entry;

/* What the worker keeps between pictures; only the job in flight touches it. */
typedef struct {
  SlProject  *snapshot;
  SlRenderer *renderer;
} Worker;

typedef struct {
  Worker    *worker;        /* (atomic rc box) */
  SlProject *update;        /* a fresh copy of the document, or NULL */
  Key        key;           /* holds a reference on key.shot */
  guint      generation;
  gint64     time;          /* project time */
  guint      width;
  guint      height;
} Job;

struct _SlThumbnailer
{
  GObject       parent_instance;
  SlProject    *project;
  GHashTable   *entries;    /* Key* -> Entry* (owned) */
  GQueue        lru;
  GQueue        pending;    /* next to render first */
  GList        *burst_tail; /* the last request of this main loop turn */
  guint         dispatch_id;
  Worker       *worker;
  GCancellable *cancellable;
  gboolean      in_flight;
  Entry        *rendering;  /* the entry in flight, NULL once evicted */
  guint         rendering_generation;
  gboolean      dirty;      /* the worker's copy is older than the document */
};

G_DEFINE_FINAL_TYPE (SlThumbnailer, sl_thumbnailer, G_TYPE_OBJECT)

enum {
  READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void dispatch (SlThumbnailer *self);

static guint
key_hash (gconstpointer data)
{
  const Key *key = data;

  return g_direct_hash (key->shot) ^ g_int64_hash (&key->time) ^ ((guint) key->height * 2654435761u);
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const Key *x = a, *y = b;

  return x->shot == y->shot && x->time == y->time && x->height == y->height;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->texture);
  g_clear_object (&entry->key.shot);
  g_free (entry);
}

static void
worker_clear (gpointer data)
{
  Worker *worker = data;

  g_clear_object (&worker->renderer);
  g_clear_object (&worker->snapshot);
}

static void
worker_release (Worker *worker)
{
  g_atomic_rc_box_release_full (worker, worker_clear);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  worker_release (job->worker);
  g_clear_object (&job->update);
  g_clear_object (&job->key.shot);
  g_free (job);
}

/* The worker's side */

static gboolean
worker_update (Worker     *worker,
               SlProject  *update,
               GError    **error)
{
  if (worker->snapshot == NULL)
    {
      worker->snapshot = g_object_ref (update);
      worker->renderer = sl_renderer_new (worker->snapshot, BACKEND, error);
      if (worker->renderer == NULL)
        g_clear_object (&worker->snapshot);
      return worker->renderer != NULL;
    }
  if (g_strcmp0 (sl_project_get_base_dir (worker->snapshot), sl_project_get_base_dir (update)) != 0)
    {
      sl_project_set_base_dir (worker->snapshot, sl_project_get_base_dir (update));
      /* Relative paths now name other files: every plan is stale. */
      g_signal_emit_by_name (worker->snapshot, "changed", NULL, (gint64) 0, (gint64) G_MAXINT64);
    }
  /* Only what differs changes, so the renderer keeps the plans of every
   * shot the edit did not touch. */
  sl_model_sync (NULL, G_OBJECT (worker->snapshot), G_OBJECT (update));
  return TRUE;
}

static void
render_job (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  Worker *worker = job->worker;
  GError *error = NULL;
  guint width = 0, height = 0;
  gsize stride = (gsize) job->width * 4;
  g_autofree guint8 *pixels = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (job->update != NULL && !worker_update (worker, job->update, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (worker->renderer == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               "The thumbnail renderer has no document yet");
      return;
    }
  sl_renderer_get_size (worker->renderer, &width, &height);
  if ((width != job->width || height != job->height) &&
      !sl_renderer_set_size (worker->renderer, job->width, job->height, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  pixels = g_malloc (stride * job->height);
  if (!sl_renderer_render_rgba (worker->renderer, job->time, pixels, stride, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_bytes_new_take (g_steal_pointer (&pixels), stride * job->height),
                         (GDestroyNotify) g_bytes_unref);
}

/* The main thread's side */

static void
unqueue (SlThumbnailer *self,
         Entry         *entry)
{
  if (!entry->queued)
    return;
  if (self->burst_tail == &entry->pending_link)
    self->burst_tail = entry->pending_link.prev;
  g_queue_unlink (&self->pending, &entry->pending_link);
  entry->queued = FALSE;
}

static gboolean
dispatch_soon (gpointer data)
{
  SlThumbnailer *self = data;

  self->dispatch_id = 0;
  self->burst_tail = NULL;
  dispatch (self);
  return G_SOURCE_REMOVE;
}

/* What a view asked for last is what it shows now, so each turn of the
 * main loop's requests go first, among themselves in the order asked (a
 * list's rows top to bottom, a timeline's tiles left to right). */
static void
queue_entry (SlThumbnailer *self,
             Entry         *entry)
{
  unqueue (self, entry);
  if (self->burst_tail == NULL)
    g_queue_push_head_link (&self->pending, &entry->pending_link);
  else
    g_queue_insert_after_link (&self->pending, self->burst_tail, &entry->pending_link);
  self->burst_tail = &entry->pending_link;
  entry->queued = TRUE;
  while (self->pending.length > MAX_PENDING)
    unqueue (self, self->pending.tail->data);
  if (self->dispatch_id == 0)
    self->dispatch_id = g_idle_add (dispatch_soon, self);
}

static void
remove_entry (SlThumbnailer *self,
              Entry         *entry)
{
  unqueue (self, entry);
  if (self->rendering == entry)
    self->rendering = NULL;
  g_queue_unlink (&self->lru, &entry->lru_link);
  g_hash_table_remove (self->entries, &entry->key);
}

static void
evict (SlThumbnailer *self)
{
  while (g_hash_table_size (self->entries) > MAX_ENTRIES)
    remove_entry (self, self->lru.head->data);
}

static void
on_rendered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr(SlThumbnailer) self = g_weak_ref_get (weak);
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pixels = g_task_propagate_pointer (G_TASK (result), &error);
  Entry *entry;

  g_weak_ref_clear (weak);
  g_free (weak);
  if (self == NULL)
    return;
  self->in_flight = FALSE;
  self->rendering = NULL;
  entry = g_hash_table_lookup (self->entries, &job->key);
  /* The renderer could not start on the copy: the next job brings another.
   * No job runs now, so the worker's state can be read here. */
  if (self->worker->snapshot == NULL)
    self->dirty = TRUE;
  if (entry != NULL && pixels == NULL)
    {
      g_debug ("No thumbnail of “%s”: %s", sl_shot_get_name (job->key.shot), error->message);
      entry->failed = entry->generation == job->generation;
    }
  else if (entry != NULL)
    {
      g_clear_object (&entry->texture);
      entry->texture = gdk_memory_texture_new ((int) job->width, (int) job->height,
                                               GDK_MEMORY_R8G8B8A8, pixels, (gsize) job->width * 4);
      entry->failed = FALSE;
      /* Changed while it rendered: views show it and ask again. */
      entry->stale = entry->generation != job->generation;
      g_signal_emit (self, signals[READY], 0, job->key.shot);
    }
  dispatch (self);
}

static SlProject *
copy_project (SlProject *project)
{
  SlProject *copy = sl_model_copy (G_OBJECT (project));

  sl_project_set_base_dir (copy, sl_project_get_base_dir (project));
  return copy;
}

static Job *
job_new (SlThumbnailer *self,
         Entry         *entry,
         guint          index)
{
  Job *job = g_new0 (Job, 1);
  gint64 duration = sl_shot_get_duration (entry->key.shot);
  guint project_width = MAX (sl_project_get_width (self->project), 1);
  guint project_height = MAX (sl_project_get_height (self->project), 1);

  job->worker = g_atomic_rc_box_acquire (self->worker);
  job->key = entry->key;
  g_object_ref (job->key.shot);
  job->generation = entry->generation;
  job->time = sl_project_get_shot_start (self->project, index)
              + CLAMP (entry->key.time, 0, MAX (duration - 1, 0));
  job->height = (guint) entry->key.height;
  job->width = MAX ((guint) lround ((double) entry->key.height * project_width / project_height), 1);
  if (self->dirty)
    {
      job->update = copy_project (self->project);
      self->dirty = FALSE;
    }
  return job;
}

/* One picture at a time: edits made while it renders are all taken in by
 * the next one's copy of the document. */
static void
dispatch (SlThumbnailer *self)
{
  while (!self->in_flight && self->pending.head != NULL)
    {
      Entry *entry = self->pending.head->data;
      g_autoptr(GTask) task = NULL;
      GWeakRef *weak;
      guint index;

      unqueue (self, entry);
      /* A shot deleted since it was asked for has nothing to show. */
      if (!g_list_store_find (sl_project_get_shots (self->project), entry->key.shot, &index))
        continue;
      weak = g_new0 (GWeakRef, 1);
      g_weak_ref_init (weak, self);
      task = g_task_new (NULL, self->cancellable, on_rendered, weak);
      g_task_set_source_tag (task, dispatch);
      g_task_set_task_data (task, job_new (self, entry, index), job_free);
      self->in_flight = TRUE;
      self->rendering = entry;
      self->rendering_generation = entry->generation;
      g_task_run_in_thread (task, render_job);
    }
}

/* Views redraw on the same ::changed and ask again: only what they still
 * show is rendered again. */
static void
mark_stale (SlThumbnailer *self,
            GHashTable    *shots)
{
  GHashTableIter iter;
  Entry *entry;

  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &entry))
    {
      if (!g_hash_table_contains (shots, entry->key.shot))
        continue;
      entry->generation++;
      entry->failed = FALSE;
      if (entry->texture != NULL)
        entry->stale = TRUE;
    }
}

static void
on_project_changed (SlProject     *project,
                    SlShot        *shot,
                    gint64         start,
                    gint64         end,
                    SlThumbnailer *self)
{
  g_autoptr(GHashTable) shots = g_hash_table_new (NULL, NULL);

  self->dirty = TRUE;
  if (shot != NULL)
    g_hash_table_add (shots, shot);
  else
    for (guint i = 0; i < sl_project_get_n_shots (project); i++)
      {
        SlShot *each = sl_project_get_shot (project, i);
        gint64 shot_start = sl_project_get_shot_start (project, i);

        if (shot_start < end && shot_start + sl_shot_get_duration (each) > start)
          g_hash_table_add (shots, each);
      }
  mark_stale (self, shots);
}

GdkTexture *
sl_thumbnailer_lookup (SlThumbnailer *self,
                       SlShot        *shot,
                       gint64         time_in_shot,
                       int            height)
{
  Key key = { shot, time_in_shot, height };
  Entry *entry;

  g_return_val_if_fail (SL_IS_THUMBNAILER (self), NULL);
  g_return_val_if_fail (SL_IS_SHOT (shot), NULL);
  g_return_val_if_fail (height > 0, NULL);

  entry = g_hash_table_lookup (self->entries, &key);
  if (entry == NULL)
    {
      entry = g_new0 (Entry, 1);
      entry->key = key;
      g_object_ref (shot);
      entry->lru_link.data = entry;
      entry->pending_link.data = entry;
      g_hash_table_insert (self->entries, &entry->key, entry);
      g_queue_push_tail_link (&self->lru, &entry->lru_link);
      evict (self);
    }
  else
    {
      g_queue_unlink (&self->lru, &entry->lru_link);
      g_queue_push_tail_link (&self->lru, &entry->lru_link);
    }
  if ((entry->texture == NULL || entry->stale) && !entry->failed &&
      !(self->rendering == entry && self->rendering_generation == entry->generation))
    queue_entry (self, entry);
  return entry->texture;
}

static void
sl_thumbnailer_dispose (GObject *object)
{
  SlThumbnailer *self = SL_THUMBNAILER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->dispatch_id, g_source_remove);
  self->burst_tail = NULL;
  if (self->project != NULL)
    g_signal_handlers_disconnect_by_func (self->project, on_project_changed, self);
  g_queue_init (&self->pending);
  g_queue_init (&self->lru);
  g_hash_table_remove_all (self->entries);
  g_clear_object (&self->project);

  G_OBJECT_CLASS (sl_thumbnailer_parent_class)->dispose (object);
}

static void
sl_thumbnailer_finalize (GObject *object)
{
  SlThumbnailer *self = SL_THUMBNAILER (object);

  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_clear_pointer (&self->worker, worker_release);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (sl_thumbnailer_parent_class)->finalize (object);
}

static void
sl_thumbnailer_class_init (SlThumbnailerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sl_thumbnailer_dispose;
  object_class->finalize = sl_thumbnailer_finalize;

  signals[READY] = g_signal_new ("ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, SL_TYPE_SHOT);
}

static void
sl_thumbnailer_init (SlThumbnailer *self)
{
  self->entries = g_hash_table_new_full (key_hash, key_equal, NULL, entry_free);
  self->worker = g_atomic_rc_box_new0 (Worker);
  self->cancellable = g_cancellable_new ();
  self->dirty = TRUE;
}

static SlThumbnailer *
sl_thumbnailer_new (SlProject *project)
{
  SlThumbnailer *self = g_object_new (SL_TYPE_THUMBNAILER, NULL);

  self->project = g_object_ref (project);
  g_signal_connect (project, "changed", G_CALLBACK (on_project_changed), self);
  return self;
}

SlThumbnailer *
sl_thumbnailer_get_for_editor (SlEditor *editor)
{
  SlThumbnailer *self;

  g_return_val_if_fail (SL_IS_EDITOR (editor), NULL);

  self = g_object_get_data (G_OBJECT (editor), "sl-thumbnailer");
  if (self == NULL)
    {
      self = sl_thumbnailer_new (sl_editor_get_project (editor));
      g_object_set_data_full (G_OBJECT (editor), "sl-thumbnailer", self, g_object_unref);
    }
  return self;
}
