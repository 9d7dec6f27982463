// Photo upload for PhotoCapture.razor. The picture goes to the server as it is, in one POST of the file's own bytes
// (never base64, never through the Blazor circuit), and its preview is the browser's own copy (an object URL), shown
// at once while the server checks and downscales it. The answer is { status: "ok" | "refused" | "failed" | "none",
// token, message, previewShown } for .NET.

import { capture } from "./camera.js";

export async function uploadChosen(input, preview, url, token, maxBytes, tooLargeMessage) {
    const file = input.files && input.files[0];
    input.value = ""; // the same file can be chosen again after "Retirer"
    if (!file) {
        return { status: "none" };
    }
    if (file.size > maxBytes) {
        return { status: "refused", message: tooLargeMessage };
    }
    return upload(file, preview, url, token);
}

export async function captureAndUpload(video, preview, url, token, quality) {
    return upload(await capture(video, quality), preview, url, token);
}

// The stored JPEG, when the browser could not show its own copy (HEIC outside Safari) or has none (a restored form).
export async function showStored(preview, streamReference) {
    const blob = new Blob([await streamReference.arrayBuffer()], { type: "image/jpeg" });
    await show(preview, blob);
}

export function clearPreview(preview) {
    if (preview.dataset.objectUrl) {
        URL.revokeObjectURL(preview.dataset.objectUrl);
        delete preview.dataset.objectUrl;
    }
    preview.removeAttribute("src");
}

async function upload(blob, preview, url, token) {
    const shown = show(preview, blob);
    let response;
    try {
        response = await fetch(url, {
            method: "POST",
            body: blob,
            credentials: "same-origin",
            headers: { "Content-Type": "application/octet-stream", "RequestVerificationToken": token },
        });
    } catch {
        return { status: "failed", previewShown: await shown };
    }
    let answer = {};
    try {
        answer = await response.json();
    } catch {
        // A proxy's or the server's own error page: no message of ours.
    }
    return response.ok && answer.token
        ? { status: "ok", token: answer.token, previewShown: await shown }
        : { status: response.status >= 500 || !answer.message ? "failed" : "refused", message: answer.message || null, previewShown: await shown };
}

function show(preview, blob) {
    clearPreview(preview);
    const objectUrl = URL.createObjectURL(blob);
    preview.dataset.objectUrl = objectUrl;
    preview.src = objectUrl;
    return preview.decode().then(() => true, () => false);
}
