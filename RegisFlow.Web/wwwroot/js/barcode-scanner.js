// Reads EAN-13 / EAN-8 barcodes from the camera for BarcodeScanButton.razor: the browser's BarcodeDetector where it
// knows these formats, otherwise the vendored ZXing (lib/zxing, loaded on first use). Each decoded text goes to .NET,
// which says whether it is a valid code; scanning stops at the first valid one. One scanner at a time.

let active = null; // { stop }
let zxingLoading = null;

function loadZxing() {
    if (window.ZXingBrowser) {
        return Promise.resolve(window.ZXingBrowser);
    }
    zxingLoading ??= new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = "lib/zxing/zxing-browser.min.js";
        script.onload = () => resolve(window.ZXingBrowser);
        script.onerror = () => { zxingLoading = null; reject(new Error("La bibliothèque de lecture des codes-barres n'a pas pu être chargée.")); };
        document.head.appendChild(script);
    });
    return zxingLoading;
}

async function nativeDetector() {
    if (!("BarcodeDetector" in window)) {
        return null;
    }
    try {
        const formats = await window.BarcodeDetector.getSupportedFormats();
        return formats.includes("ean_13") ? new window.BarcodeDetector({ formats: ["ean_13", "ean_8"] }) : null;
    } catch {
        return null;
    }
}

export function isSupported() {
    return !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
}

// Starts the camera in <video> and calls dotnet.invokeMethodAsync("OnDecoded", text) for each code read until it answers true.
// Returns "ok", "absent", "denied", "busy" or "error".
export async function start(video, dotnet) {
    stop();
    if (!isSupported()) {
        return "absent";
    }
    let stream;
    try {
        stream = await navigator.mediaDevices.getUserMedia({
            audio: false,
            video: { facingMode: { ideal: "environment" }, width: { ideal: 1280 }, height: { ideal: 720 } },
        });
    } catch (e) {
        if (e && (e.name === "NotAllowedError" || e.name === "SecurityError")) {
            return "denied";
        }
        return e && e.name === "NotReadableError" ? "busy" : "absent";
    }
    video.muted = true;
    video.setAttribute("playsinline", "");
    video.srcObject = stream;
    try { await video.play(); } catch { /* the frames still arrive */ }

    let stopped = false;
    let controls = null;
    const session = {
        stop: () => {
            stopped = true;
            if (controls) { try { controls.stop(); } catch { /* already stopped */ } }
            stream.getTracks().forEach(t => t.stop());
            video.srcObject = null;
        },
    };
    active = session;

    const offer = async text => {
        if (stopped || !text) {
            return;
        }
        let accepted = false;
        try { accepted = await dotnet.invokeMethodAsync("OnDecoded", text); } catch { accepted = false; }
        if (accepted && active === session) {
            stop();
        }
    };

    const detector = await nativeDetector();
    if (detector) {
        const loop = async () => {
            while (!stopped) {
                try {
                    const codes = await detector.detect(video);
                    for (const code of codes) { await offer(code.rawValue); }
                } catch { /* no frame yet */ }
                await new Promise(r => setTimeout(r, 150));
            }
        };
        loop();
        return "ok";
    }
    try {
        const zxing = await loadZxing();
        if (stopped) {
            return "ok";
        }
        const reader = new zxing.BrowserMultiFormatOneDReader(undefined, { delayBetweenScanAttempts: 150 });
        controls = await reader.decodeFromVideoElement(video, (result) => {
            if (result) { offer(result.getText()); }
        });
        if (stopped) { controls.stop(); }
        return "ok";
    } catch (e) {
        session.stop();
        return "error";
    }
}

export function stop() {
    const current = active;
    active = null;
    if (current) {
        current.stop();
    }
}
