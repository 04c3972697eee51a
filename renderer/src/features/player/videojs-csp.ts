// Must be evaluated before video.js itself: video.js injects <style> elements at load and per
// player unless this flag is set, and the CSP (style-src 'self') forbids inline styles.
(window as unknown as { VIDEOJS_NO_DYNAMIC_STYLE: boolean }).VIDEOJS_NO_DYNAMIC_STYLE = true;
export {};
