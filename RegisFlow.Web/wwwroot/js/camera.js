// Camera capture for PhotoCapture.razor: live preview with the rear camera, one frame to a JPEG Blob that
// photo-upload.js sends to the server. One camera at a time: opening it for one photo closes it for another.

let active = null; // { video, stream, owner }

export function isSupported() {
    return !!(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
}

// Browsers give the camera only to secure pages: HTTPS, or http://localhost on the machine itself.
export function pageSecurity() {
    return window.isSecureContext ? "secure" : "insecure";
}

export async function start(video, owner) {
    if (!isSupported()) {
        return "absent"; // also when the page is not served over HTTPS (or localhost)
    }
    await stopActive(true);
    let stream;
    try {
        stream = await navigator.mediaDevices.getUserMedia({
            audio: false,
            video: { facingMode: { ideal: "environment" }, width: { ideal: 2560 }, height: { ideal: 1920 } },
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
    active = { video, stream, owner };
    try {
        await video.play();
    } catch {
        // Autoplay of a muted inline video is allowed everywhere we run; if not, the first frame still arrives.
    }
    return "ok";
}

export async function capture(video, quality) {
    const width = video.videoWidth;
    const height = video.videoHeight;
    if (!width || !height) {
        throw new Error("La caméra n'a pas encore d'image.");
    }
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    canvas.getContext("2d").drawImage(video, 0, 0, width, height);
    const blob = await new Promise(resolve => canvas.toBlob(resolve, "image/jpeg", quality));
    stop(video);
    if (!blob) {
        throw new Error("La photo n'a pas pu être encodée.");
    }
    return blob;
}

export function stop(video) {
    if (active && active.video === video) {
        stopTracks(active);
        active = null;
    } else if (video && video.srcObject) {
        video.srcObject.getTracks().forEach(t => t.stop());
        video.srcObject = null;
    }
}

async function stopActive(notify) {
    if (!active) {
        return;
    }
    const previous = active;
    active = null;
    stopTracks(previous);
    if (notify && previous.owner) {
        try {
            await previous.owner.invokeMethodAsync("OnCameraStopped");
        } catch {
            // The other component may be gone already.
        }
    }
}

function stopTracks(entry) {
    entry.stream.getTracks().forEach(t => t.stop());
    entry.video.srcObject = null;
}
