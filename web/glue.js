// The JavaScript the browser forces on us, each piece called from C++ (wasm-client/src/browser.cpp):
// where the server is, localStorage, text input, the clipboard, the file picker, uploads with
// progress, opening links, image thumbnails, and window.chitchat for tests and scripts.
'use strict';
(function () {
  const params = new URLSearchParams(location.search);
  const server = params.get('server');          // ?server=host:port when the page is served elsewhere (emrun)
  const httpBase = server ? `${location.protocol}//${server}` : '';
  let upload = null;                            // the XMLHttpRequest of the upload under way
  let textInput = null;
  let textWanted = false;                       // an ImGui text field is active

  function passString(fn, text, ...rest) {      // calls an exported C function with a UTF-8 copy of text
    const size = Module.lengthBytesUTF8(text) + 1;
    const ptr = Module._malloc(size);
    Module.stringToUTF8(text, ptr, size);
    try { fn(ptr, ...rest); } finally { Module._free(ptr); }
  }

  window.ChitChatGlue = {
    toC(text) {                                 // a malloc'd UTF-8 copy, freed by the C++ caller
      const size = Module.lengthBytesUTF8(text) + 1;
      const ptr = Module._malloc(size);
      Module.stringToUTF8(text, ptr, size);
      return ptr;
    },
    webSocketUrl() {
      const secure = location.protocol === 'https:';
      return `${secure ? 'wss' : 'ws'}://${server || location.host}/ws?v=2`;
    },
    httpUrl(path) { return /^https?:/.test(path) ? path : httpBase + path; },

    randomId() {                                // 96 bits: a client_id
      const bytes = new Uint8Array(12);
      crypto.getRandomValues(bytes);
      return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    },

    load(key) { try { return localStorage.getItem(`chitchat.${key}`) || ''; } catch (e) { return ''; } },
    save(key, value) { try { localStorage.setItem(`chitchat.${key}`, value); } catch (e) { /* private mode */ } },

    firstFrame() {
      document.getElementById('status').classList.add('hidden');
      window.chitchat.firstFrameMs = performance.now();
    },

    // Typed text arrives here rather than through GLFW, which only sees keypress events and so
    // loses accents, Cyrillic and IME input.
    setTextInput(active) {
      if (!textInput) {
        textInput = document.getElementById('text-input');
        const forward = (text) => { if (text) passString(Module._chitchat_text_input, text); textInput.value = ''; };
        textInput.addEventListener('input', (e) => {
          if (e.isComposing) return;
          if (e.inputType === 'insertText' || e.inputType === 'insertReplacementText') forward(e.data || textInput.value);
          else textInput.value = '';
        });
        textInput.addEventListener('compositionend', (e) => forward(e.data));
        // A click on the canvas takes the focus; while a text field is active, take it back (unless
        // one of the page's own fields took it).
        textInput.addEventListener('blur', () => setTimeout(() => {
          const toField = document.activeElement && document.activeElement.classList.contains('field');
          if (textWanted && !toField && document.hasFocus()) textInput.focus({ preventScroll: true });
        }, 0));
        textInput.addEventListener('paste', (e) => {
          e.preventDefault();
          forward((e.clipboardData || window.clipboardData).getData('text'));
        });
      }
      textWanted = active;
      if (active && document.activeElement !== textInput) textInput.focus({ preventScroll: true });
      if (!active && document.activeElement === textInput) textInput.blur();
    },
    // Emscripten 3.1.6's GLFW hands the wheel's raw pixels, with the sign reversed, to the
    // scroll callback; normalise here instead: one step per notch, positive is up.
    listenToWheel() {
      // Ctrl+K (Cmd+K): search, as in most chats; the browser's own use of it is taken over.
      document.addEventListener('keydown', (e) => {
        if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
          e.preventDefault();
          ChitChatGlue.fields.shortcut();
        }
        // Ctrl+C (Cmd+C) copies text selected in a post, inside the key's own event so that the
        // clipboard accepts it. A field being edited copies its own selection instead.
        if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'c' && !textWanted) {
          const selected = Module.UTF8ToString(Module._chitchat_selected_text());
          if (selected) { e.preventDefault(); ChitChatGlue.copy(selected); }
        }
      });
      Module.canvas.addEventListener('wheel', (e) => {
        const unit = e.deltaMode === 1 ? 3 : e.deltaMode === 2 ? 1 : 100;  // lines, pages, pixels per step
        Module._chitchat_wheel(-e.deltaX / unit, -e.deltaY / unit);
        e.preventDefault();
      }, { passive: false });
    },
    // Dear ImGui's cursor (ImGuiMouseCursor_*) as the canvas's: Emscripten's GLFW sets none.
    setCursor(cursor) {
      const css = ['default', 'text', 'move', 'ns-resize', 'ew-resize', 'nesw-resize', 'nwse-resize', 'pointer', 'not-allowed'];
      Module.canvas.style.cursor = css[cursor] || 'default';
    },
    copy(text) { if (navigator.clipboard) navigator.clipboard.writeText(text).catch((e) => console.warn('copy failed', String(e))); },
    open(url) { window.open(this.httpUrl(url), '_blank', 'noopener'); },

    // The file picker opens only inside a user gesture: C++ calls this from a button click.
    pickFile() {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = '.txt,.pdf,.png,.jpg,.jpeg,.gif';
      input.onchange = () => {
        const file = input.files[0];
        if (!file) return;
        let accepted = 0;
        passString((ptr) => { accepted = Module._chitchat_file_chosen(ptr, file.size); }, file.name);
        if (accepted) this.startUpload(file);
      };
      input.click();
    },
    startUpload(file) {
      const xhr = new XMLHttpRequest();
      upload = xhr;
      const form = new FormData();
      form.append('file', file, file.name);
      xhr.open('POST', this.httpUrl('/api/uploads'));
      xhr.withCredentials = true;
      xhr.upload.onprogress = (e) => Module._chitchat_upload_progress(e.loaded);
      xhr.onload = () => { upload = null; passString(Module._chitchat_upload_done, xhr.responseText || '', xhr.status); };
      xhr.onerror = () => { upload = null; passString(Module._chitchat_upload_done, '', 0); };
      xhr.onabort = () => { upload = null; passString(Module._chitchat_upload_done, '', -1); };
      xhr.send(form);
    },
    cancelUpload() { if (upload) upload.abort(); },

    // A thumbnail: the image scaled into max×max, handed to C++ as RGBA pixels for a texture.
    loadThumbnail(url, max) {
      const img = new Image();
      if (httpBase) img.crossOrigin = 'use-credentials';
      img.onload = () => {
        const scale = Math.min(1, max / Math.max(img.naturalWidth, img.naturalHeight));
        const w = Math.max(1, Math.round(img.naturalWidth * scale)), h = Math.max(1, Math.round(img.naturalHeight * scale));
        const canvas = document.createElement('canvas');
        canvas.width = w;
        canvas.height = h;
        const ctx = canvas.getContext('2d');
        ctx.drawImage(img, 0, 0, w, h);
        const pixels = ctx.getImageData(0, 0, w, h).data;
        const ptr = Module._malloc(pixels.length);
        Module.HEAPU8.set(pixels, ptr);
        passString((u) => Module._chitchat_thumbnail_ready(u, w, h, ptr), url);
        Module._free(ptr);
      };
      img.onerror = () => passString((u) => Module._chitchat_thumbnail_ready(u, 0, 0, 0), url);
      img.src = this.httpUrl(url);
    },
  };

  // The page's own text fields (wasm-client/src/browser.hpp, Field): placed by C++ in CSS pixels,
  // their text passed on as it changes, and the keys the client acts on passed on too. Their key
  // events stop here: Emscripten's GLFW listens on the window and would take Backspace away.
  const FIELDS = ['composer', 'edit', 'name', 'channel', 'search'];
  const fieldElements = [];
  function fieldElement(index) {
    if (fieldElements[index]) return fieldElements[index];
    const el = document.getElementById(FIELDS[index]);
    fieldElements[index] = el;
    el.addEventListener('input', () => passString((p) => Module._chitchat_field_input(index, p), el.value));
    el.addEventListener('focus', () => Module._chitchat_field_focus(index, 1));
    el.addEventListener('blur', () => Module._chitchat_field_focus(index, 0));
    el.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.isComposing || e.keyCode === 229) return;        // an IME is composing: its keys are its own
      const key = (k) => { e.preventDefault(); Module._chitchat_field_key(index, k); };
      if (e.key === 'Enter' && !e.shiftKey && !e.altKey) key(1);
      else if (e.key === 'Escape') key(2);
      else if (e.key === 'ArrowUp' && !e.altKey && el.value === '' && index === 0) key(3);
      else if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        ChitChatGlue.fields.shortcut();
      }
    });
    el.addEventListener('keyup', (e) => e.stopPropagation());
    el.addEventListener('keypress', (e) => e.stopPropagation());
    return el;
  }
  ChitChatGlue.fields = {
    place(index, x, y, w, h, visible) {
      const el = fieldElement(index);
      if (!visible) {
        if (document.activeElement === el) el.blur();
        el.style.display = 'none';
        return;
      }
      Object.assign(el.style, { display: 'block', left: `${x}px`, top: `${y}px`, width: `${w}px`, height: `${h}px` });
    },
    setText(index, text) { fieldElement(index).value = text; },
    // Ctrl+K: the search opens (or closes); its field takes the keyboard at once, before the
    // frame that places it, so that what is typed next is not lost.
    shortcut() {
      if (!Module._chitchat_shortcut(1)) return;
      const el = fieldElement(FIELDS.indexOf('search'));
      if (el.style.display !== 'block') Object.assign(el.style, { display: 'block', left: '-10000px', top: '0px' });
      el.focus({ preventScroll: true });
    },
    focus(index) { fieldElement(index).focus({ preventScroll: true }); },
  };

  // Text, measured and drawn by the browser's own engine (wasm-client/src/text_atlas.cpp): every
  // script shaped, right-to-left runs ordered inside a piece, emoji in colour, from the fonts the
  // browser has. The same family as the client's compiled-in font comes first, so Latin text
  // looks the same in both.
  const FONT_FAMILY = '"Chit-Chat Emoji", "DejaVu Sans", "Noto Sans", "Noto Sans CJK SC", "Noto Color Emoji", sans-serif';
  const textCanvas = document.createElement('canvas');
  const text = textCanvas.getContext('2d', { willReadFrequently: true });
  const graphemes = window.Intl && Intl.Segmenter ? new Intl.Segmenter(undefined, { granularity: 'grapheme' }) : null;
  const utf8Length = (s) => Module.lengthBytesUTF8(s);
  function clusters(s) {                      // grapheme clusters (code points where Segmenter is missing)
    return graphemes ? Array.from(graphemes.segment(s), (g) => g.segment) : Array.from(s);
  }
  // The emoji face (web/index.html) is a web font: a canvas uses it only once loaded, so the
  // atlas starts over when it arrives.
  if (document.fonts) {
    document.fonts.load('16px "Chit-Chat Emoji"', '\u{1F600}').then((faces) => {
      if (faces.length && window.Module && Module._chitchat_fonts_loaded) Module._chitchat_fonts_loaded();
    }).catch(() => {});
  }
  ChitChatGlue.text = {
    font: '',
    setFont(px) { this.font = `${px}px ${FONT_FAMILY}`; text.font = this.font; },
    width(s) { return text.measureText(s).width; },
    fit(s, max) {                             // UTF-8 bytes of the longest prefix of whole clusters that fits
      let prefix = '', bytes = 0;
      for (const g of clusters(s)) {
        if (prefix && text.measureText(prefix + g).width > max) break;
        prefix += g;
        bytes += utf8Length(g);
      }
      return bytes;
    },
    carets(s) {                               // [count, bytes, x, …] at each cluster boundary, malloc'd
      const out = [[0, 0]];
      let prefix = '', bytes = 0;
      for (const g of clusters(s)) {
        prefix += g;
        bytes += utf8Length(g);
        out.push([bytes, text.measureText(prefix).width]);
      }
      const ptr = Module._malloc(4 * (1 + 2 * out.length));
      const f = Module.HEAPF32.subarray(ptr >> 2, (ptr >> 2) + 1 + 2 * out.length);
      f[0] = out.length;
      out.forEach(([b, x], i) => { f[1 + 2 * i] = b; f[2 + 2 * i] = x; });
      return ptr;
    },
    draw(s, rtl, colour, gl, texture, x, y, w, h, pad, baseline) {
      if (textCanvas.width < w) textCanvas.width = w;
      if (textCanvas.height < h) textCanvas.height = h;
      text.font = this.font;                  // resizing a canvas resets its state
      text.clearRect(0, 0, w, h);
      const r = colour & 255, g = (colour >>> 8) & 255, b = (colour >>> 16) & 255, a = (colour >>> 24) / 255;
      text.fillStyle = `rgba(${r},${g},${b},${a})`;
      text.direction = rtl ? 'rtl' : 'ltr';
      text.textAlign = 'left';
      text.textBaseline = 'alphabetic';
      text.fillText(s, pad, baseline);
      gl.bindTexture(gl.TEXTURE_2D, texture);
      gl.texSubImage2D(gl.TEXTURE_2D, 0, x, y, gl.RGBA, gl.UNSIGNED_BYTE, text.getImageData(0, 0, w, h));
      return 1;
    },
  };

  // For tests and scripts: the client's model, and where its widgets are (CSS pixels).
  window.chitchat = {
    firstFrameMs: null,
    state() { return JSON.parse(Module.UTF8ToString(Module._chitchat_state_json())); },
    widgets() { return JSON.parse(Module.UTF8ToString(Module._chitchat_widgets_json())); },
    frames() { return Module._chitchat_frame_count(); },
    // The text atlas: pieces drawn, pages and their pixel size, pieces still waiting for a frame.
    glyphs() { return JSON.parse(Module.UTF8ToString(Module._chitchat_glyphs_json())); },
    // The longest frame drawn and the longest incoming frame handled since the last reset, in ms.
    longestFrameMs(reset) { return Module._chitchat_longest_frame_ms(reset ? 1 : 0); },
    longestMessageMs(reset) { return Module._chitchat_longest_message_ms(reset ? 1 : 0); },
  };
})();
