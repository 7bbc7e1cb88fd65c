/**
 * <earmark-upload>: uploads one recording with the tus resumable-upload protocol (tus-js-client).
 * A dropped connection is retried; a closed tab, a crashed browser or a server restart is resumed from
 * the server's offset when the same file is chosen again (the upload's fingerprint is kept in
 * localStorage until it succeeds). The file is never read into memory: tus-js-client slices it.
 *
 * Attributes: endpoint, discussion, csrf-header, csrf-token, max-size (bytes).
 * Events: upload-progress {sent, total}, upload-complete {url}, upload-error {message}.
 */
import * as tus from 'tus-js-client';

const RETRY_DELAYS = [0, 1000, 3000, 5000, 10000, 20000, 30000, 60000, 60000, 60000];
const CHUNK_SIZE = 64 * 1024 * 1024;
/** Earmark keeps 200 characters of a name (and says so); far longer ones would not fit in a request header. */
const MAX_NAME_SENT = 1000;
const NO_SPACE = 'The server has run out of space for recordings; nothing was lost on your side, try again later or ask'
  + ' your administrator.';

/** The "message" of an Earmark JSON error, or a short plain-text body; otherwise nothing. */
function serverMessage(body: string): string {
  const text = body.trim();
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text);
      return parsed && typeof parsed.message === 'string' ? parsed.message : '';
    } catch {
      return '';
    }
  }
  return text.length > 0 && text.length < 500 && !text.startsWith('<') ? text : '';
}

/** A name short enough for a request header: its start and its extension. */
function sendableName(name: string): string {
  if (name.length <= MAX_NAME_SENT) {
    return name;
  }
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 10 ? name.substring(dot) : '';
  return name.substring(0, MAX_NAME_SENT - extension.length) + extension;
}

/** Retry what may pass later (a dropped connection, a server restarting); never a refusal or a full disk. */
function worthRetrying(error: Error): boolean {
  const response = (error as tus.DetailedError).originalResponse;
  const status = response ? response.getStatus() : 0;
  if (status === 507 || (status >= 400 && status < 500 && status !== 409 && status !== 423)) {
    return false;
  }
  return navigator.onLine !== false;
}

function human(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value >= 10 ? 0 : 1)} ${units[unit]}`;
}

class EarmarkUpload extends HTMLElement {
  private input!: HTMLInputElement;
  private bar!: HTMLProgressElement;
  private status!: HTMLElement;
  private upload: tus.Upload | null = null;
  private lastProgressEvent = 0;

  connectedCallback() {
    if (this.input) {
      return;
    }
    this.innerHTML = '';
    this.input = document.createElement('input');
    this.input.type = 'file';
    this.input.accept = 'audio/*,video/*,.m4a,.mp4,.webm,.mov,.3gp,.amr,.wav,.mp3,.wma,.asf,.avi,.mkv,.ogg';
    this.input.setAttribute('aria-label', 'Recording file');
    this.input.addEventListener('change', () => {
      const file = this.input.files && this.input.files[0];
      if (file) {
        this.start(file);
      }
    });
    this.bar = document.createElement('progress');
    this.bar.max = 1;
    this.bar.value = 0;
    this.bar.hidden = true;
    this.bar.style.width = '100%';
    this.status = document.createElement('div');
    this.status.className = 'upload-status';
    this.status.setAttribute('role', 'status');
    this.append(this.input, this.bar, this.status);
    window.addEventListener('online', () => this.resumeAfterOutage());
  }

  private start(file: File) {
    if (file.size === 0) {
      this.fail('The file is empty (0 bytes): nothing was recorded, or the copy saved nothing. Check the recording on your device and upload it again.');
      return;
    }
    const maxSize = Number(this.getAttribute('max-size') || '0');
    if (maxSize > 0 && file.size > maxSize) {
      this.fail(`The file is ${human(file.size)}; the largest recording Earmark accepts is ${human(maxSize)}.`);
      return;
    }
    const headers: Record<string, string> = {};
    const csrfHeader = this.getAttribute('csrf-header');
    if (csrfHeader) {
      headers[csrfHeader] = this.getAttribute('csrf-token') || '';
    }
    this.bar.hidden = false;
    this.bar.value = 0;
    this.say(`Uploading ${file.name} (${human(file.size)})…`);
    const upload = new tus.Upload(file, {
      endpoint: this.getAttribute('endpoint') || '/uploads',
      retryDelays: RETRY_DELAYS,
      chunkSize: CHUNK_SIZE,
      headers,
      onShouldRetry: (error) => worthRetrying(error),
      metadata: {
        filename: sendableName(file.name),
        filetype: file.type,
        discussion: this.getAttribute('discussion') || '',
      },
      removeFingerprintOnSuccess: true,
      onProgress: (sent, total) => this.progress(sent, total),
      onSuccess: () => {
        this.bar.value = 1;
        this.say(`Uploaded ${file.name}. Earmark is now preparing it for playback.`);
        this.input.value = '';
        this.dispatchEvent(new CustomEvent('upload-complete', { detail: { url: upload.url } }));
      },
      onError: (error) => this.fail(this.explain(error)),
    });
    this.upload = upload;
    upload.findPreviousUploads().then((previous) => {
      if (previous.length > 0) {
        upload.resumeFromPreviousUpload(previous[0]);
        this.say(`Resuming ${file.name} where it stopped…`);
      }
      upload.start();
    });
  }

  private progress(sent: number, total: number) {
    this.bar.value = total > 0 ? sent / total : 0;
    this.status.textContent = `${human(sent)} of ${human(total)} (${Math.floor((100 * sent) / Math.max(total, 1))}%)`;
    const now = Date.now();
    if (now - this.lastProgressEvent > 1000 || sent === total) {
      this.lastProgressEvent = now;
      this.dispatchEvent(new CustomEvent('upload-progress', { detail: { sent, total } }));
    }
  }

  private resumeAfterOutage() {
    if (this.upload) {
      this.say('Connection back: resuming the upload…');
      this.upload.start();
    }
  }

  /**
   * The server's message for a person: its refusals are JSON ({status, error, message}); a short plain-text body is
   * shown as it is; anything else (an HTML error page, raw JSON without a message) never reaches the person.
   */
  private explain(error: Error): string {
    const response = (error as tus.DetailedError).originalResponse;
    if (response && response.getStatus() === 401) {
      return 'You are signed out of Earmark (the server restarted, or your session ended). Sign in again and choose'
        + ' the same file: the upload resumes where it stopped.';
    }
    const body = (response ? response.getBody() : '') || '';
    const message = serverMessage(body);
    if (message) {
      return message;
    }
    if (response) {
      return response.getStatus() === 507 ? NO_SPACE : `The upload was refused (HTTP ${response.getStatus()}).`;
    }
    return `The upload stopped: ${error.message}. Choose the same file again to resume where it stopped.`;
  }

  private fail(message: string) {
    this.status.textContent = message;
    this.status.classList.add('error');
    this.dispatchEvent(new CustomEvent('upload-error', { detail: { message } }));
  }

  private say(message: string) {
    this.status.textContent = message;
    this.status.classList.remove('error');
  }
}

customElements.define('earmark-upload', EarmarkUpload);
